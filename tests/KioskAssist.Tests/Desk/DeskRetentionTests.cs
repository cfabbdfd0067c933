using System.Net;
using System.Text.Json;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Issue #12 deliverable 4, the desk's part (docs/privacy.md): requests are kept for Desk:TranscriptRetentionHours after
/// they last changed, and an admin can export one request as JSON and delete it from the desk on demand.
/// </summary>
[Trait("Category", "Desk")]
public sealed class DeskRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_request_unchanged_for_the_retention_is_forgotten_and_its_retained_copy_does_not_bring_it_back()
    {
        var time = new FakeTimeProvider(T0);
        var state = new DeskState("desk-1", time);
        var old = Request("old");
        state.ApplyRequest(old);
        state.ApplyRequest(Request("busy"));
        time.Advance(TimeSpan.FromHours(20));
        Assert.Equal(ApplyResult.Applied, state.ApplyChat(new RequestKey("s", "k", "busy"), new KioskAssist.Protocol.Messages.ChatMessage("c1", "busy", 1, "shopper", "still here", time.GetUtcNow())));
        time.Advance(TimeSpan.FromHours(5));

        Assert.Equal(1, state.ForgetUnchangedFor(TimeSpan.FromHours(24)));

        Assert.Null(state.Detail(new RequestKey("s", "k", "old")));
        Assert.NotNull(state.Detail(new RequestKey("s", "k", "busy"))); // its chat changed 5 h ago
        Assert.Equal(DropReason.Stale, state.ApplyRequest(old).Dropped); // the broker's retained copy, redelivered on reconnect
    }

    [Fact]
    public async Task The_retention_must_be_between_36_seconds_and_30_days_and_names_its_key()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DeskServer.StartAsync(broker, "--Desk:TranscriptRetentionHours=0"));
        Assert.Contains("TranscriptRetentionHours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_exports_a_request_as_json_and_deletes_it_and_an_agent_can_do_neither()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        await using var kiosk = await TestKiosk.StartAsync(broker, "s1", "k1");
        desk.AddAgent("root", "Root", DeskRole.Admin);
        desk.AddAgent("ana", "Ana");
        using var admin = await desk.SignedInClientAsync("root");
        using var ana = await desk.SignedInClientAsync("ana");
        await kiosk.PublishAsync(kiosk.Request("r1", DateTimeOffset.UtcNow));
        await kiosk.PublishChatAsync("r1", 1, "shopper", "my receipt is wrong");
        var key = new RequestKey("s1", "k1", "r1");
        await Eventually.TrueAsync(() => desk.Get<DeskState>().Detail(key)?.Chat.Count == 1, "the request and its chat reach the desk");
        const string Path = "/api/admin/requests/s1/k1/r1";

        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync(Path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.DeleteAsync(Path, Ct)).StatusCode);
        using (var export = await admin.GetAsync(Path, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
            using var body = JsonDocument.Parse(await export.Content.ReadAsStringAsync(Ct));
            Assert.Equal("my receipt is wrong", body.RootElement.GetProperty("chat")[0].GetProperty("text").GetString());
        }

        // Cross-site: the browser's Origin is another site's.
        using (var foreign = new HttpRequestMessage(HttpMethod.Delete, Path))
        {
            foreign.Headers.Add("Origin", "https://evil.example");
            using var refused = await admin.SendAsync(foreign, Ct);
            Assert.NotEqual(HttpStatusCode.NoContent, refused.StatusCode);
        }

        Assert.NotNull(desk.Get<DeskState>().Detail(key));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Path, Ct)).StatusCode);
        Assert.Null(desk.Get<DeskState>().Detail(key));
        Assert.DoesNotContain(desk.Get<DeskState>().View().Requests, r => r.RequestId == "r1");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Path, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(Path, Ct)).StatusCode);
    }

    private static KioskAssist.Protocol.Messages.HelpRequestMessage Request(string id) => new()
    {
        Id = id, Site = "s", Kiosk = "k", Revision = 1, CreatedAt = T0, UpdatedAt = T0, State = KioskAssist.Protocol.Messages.HelpState.Open,
        Reason = KioskAssist.Protocol.Messages.HelpReason.Button, Language = "en", Transcript = [],
    };
}
