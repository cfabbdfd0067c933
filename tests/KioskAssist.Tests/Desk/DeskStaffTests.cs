using System.Net;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Store staff in the desk app (role staff, one site), on a phone-sized page in a real Chromium against the real desk
/// and Mosquitto: only their site's alerts reach them, loudly, and "I'm on my way" is published for the kiosk.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskStaffTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_staff_member_sees_only_their_sites_alert_and_their_acknowledgement_is_published_and_recorded()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var otherStore = await TestKiosk.StartAsync(broker, site: "sby-02", kiosk: "k01");
        await using var desk = await DeskServer.StartAsync(broker);
        await using var acks = await BrokerRecorder.StartAsync(broker, Topics.AllStaffAcks);
        desk.AddAgent("dewi", "Dewi", DeskRole.Staff, "jkt-01");
        var created = DateTimeOffset.UtcNow.AddSeconds(-25);
        await kiosk.PublishAsync(kiosk.Request("r1", created));
        await otherStore.PublishAsync(otherStore.Request("r9", created));

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "dewi", "Dewi", DeskBrowser.Phone);
        await Assertions.Expect(page.GetByTestId("staff-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("desk")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("staff-empty")).ToBeVisibleAsync();
        await page.GetByTestId("mute").ClickAsync(); // a tap so the page may make sound, then sound back on
        await page.GetByTestId("mute").ClickAsync();

        // Another store's alert first, then this store's: the second arriving proves the first was not shown.
        await otherStore.PublishStaffAlertAsync("r9");
        await kiosk.PublishStaffAlertAsync("r1", HelpReason.LowConfidence, waitedSeconds: 20);

        var card = page.GetByTestId("staff-alert");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.GetByTestId("staff-kiosk")).ToHaveTextAsync("Kiosk k03");
        await Assertions.Expect(card.GetByTestId("staff-reason")).ToContainTextAsync("Assistant was not sure");
        await Assertions.Expect(card.GetByTestId("staff-said")).ToHaveTextAsync("cicilan ditolak kenapa");
        await Assertions.Expect(page.GetByText("k01")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveTitleAsync("(1) KioskAssist desk");
        await Assertions.Expect(page.GetByTestId("live-urgent")).ToContainTextAsync("A shopper needs you at k03");
        await Assertions.Expect(page.Locator("body[data-last-tone=urgent]")).ToHaveCountAsync(1);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__vibrations.length"));
        await DeskBrowser.AssertAccessibleAsync(page, "staff alert at 390x844");
        await DeskBrowser.ScreenshotAsync(page, "staff-alert-390x844");

        await card.GetByTestId("staff-ack").ClickAsync();

        await Eventually.TrueAsync(() => !acks.Messages.IsEmpty, "the acknowledgement reaches the broker");
        var (topic, payload) = Assert.Single(acks.Messages);
        Assert.Equal(Topics.StaffAck("jkt-01", "k03", "r1"), topic);
        Assert.True(ProtocolJson.TryDecode<StaffAckMessage>(new System.Buffers.ReadOnlySequence<byte>(payload), out var ack, out var problem), problem);
        Assert.Equal(new StaffRef("dewi", "Dewi"), ack!.Staff);
        Assert.Equal(("jkt-01", "k03", "r1"), (ack.Site, ack.Kiosk, ack.RequestId));

        await Assertions.Expect(card.GetByTestId("staff-acked")).ToContainTextAsync("You are on the way");
        await Assertions.Expect(card.GetByTestId("staff-ack")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveTitleAsync("KioskAssist desk");
        await DeskBrowser.ScreenshotAsync(page, "staff-acked-390x844");

        // The desk records who is going and when, and agents see it on the request.
        var recorded = desk.Get<DeskState>().Find(new RequestKey("jkt-01", "k03", "r1"))!.StaffAck;
        Assert.Equal("Dewi", recorded!.Staff.Name);
        Assert.Equal(ack.At, recorded.At);
    }

    [Fact]
    public async Task An_agent_sees_that_store_staff_were_alerted_and_who_is_walking_over()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        await kiosk.PublishAsync(kiosk.Request("r1", DateTimeOffset.UtcNow.AddSeconds(-30), urgent: true));

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Desktop);
        await page.GetByTestId("queue-item").ClickAsync();
        await kiosk.PublishStaffAlertAsync("r1");
        await Assertions.Expect(page.GetByTestId("staff-status")).ToContainTextAsync("Store staff alerted at");

        var ack = new StaffAckMessage(Ids.New(), "r1", "jkt-01", "k03", new StaffRef("dewi", "Dewi"), DateTimeOffset.UtcNow);
        await kiosk.PublishRawAsync(Topics.StaffAck("jkt-01", "k03", "r1"), ProtocolJson.Encode(ack), retain: false);
        await Assertions.Expect(page.GetByTestId("staff-status")).ToContainTextAsync("Dewi from the store is walking over");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task The_staff_api_is_scoped_to_the_accounts_site_and_role()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var otherStore = await TestKiosk.StartAsync(broker, site: "sby-02", kiosk: "k01");
        await using var desk = await DeskServer.StartAsync(broker);
        await using var acks = await BrokerRecorder.StartAsync(broker, Topics.AllStaffAcks);
        desk.AddAgent("dewi", "Dewi", DeskRole.Staff, "jkt-01");
        desk.AddAgent("ana", "Ana");
        await otherStore.PublishAsync(otherStore.Request("r9", DateTimeOffset.UtcNow));
        await otherStore.PublishStaffAlertAsync("r9");
        await kiosk.PublishAsync(kiosk.Request("r1", DateTimeOffset.UtcNow));
        await kiosk.PublishStaffAlertAsync("r1");
        var state = desk.Get<DeskState>();
        await Eventually.TrueAsync(() => state.FindStaffAlert(new RequestKey("sby-02", "k01", "r9")) is not null && state.FindStaffAlert(new RequestKey("jkt-01", "k03", "r1")) is not null);
        var ct = TestContext.Current.CancellationToken;

        using var dewi = await desk.SignedInClientAsync("dewi");
        using (var other = await dewi.PostAsync("/api/staff/alerts/sby-02/k01/r9/ack", DeskServer.Json(new { }), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode); // another store's kiosk, though the alert exists
        }

        using (var transcripts = await dewi.GetAsync("/api/desk", ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, transcripts.StatusCode); // staff never read the agents' queue
        }

        var view = await dewi.GetStringAsync("/api/staff/view", ct);
        Assert.Contains("\"r1\"", view, StringComparison.Ordinal);
        Assert.DoesNotContain("r9", view, StringComparison.Ordinal);

        using var ana = await desk.SignedInClientAsync("ana");
        using (var agent = await ana.PostAsync("/api/staff/alerts/jkt-01/k03/r1/ack", DeskServer.Json(new { }), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode); // agents are not on the store's floor
        }

        using (var first = await dewi.PostAsync("/api/staff/alerts/jkt-01/k03/r1/ack", DeskServer.Json(new { }), ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using (var again = await dewi.PostAsync("/api/staff/alerts/jkt-01/k03/r1/ack", DeskServer.Json(new { }), ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // someone is already going
        }

        // Only the one allowed acknowledgement reached the broker (the refused ones came before it).
        await Eventually.TrueAsync(() => !acks.Messages.IsEmpty);
        Assert.Equal(Topics.StaffAck("jkt-01", "k03", "r1"), Assert.Single(acks.Messages).Topic);
    }
}
