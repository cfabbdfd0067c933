using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Desk;

/// <summary>Agents act through the desk's API; the desk sends each action to the kiosk as the signed-in agent.</summary>
[Trait("Category", "Integration")]
public sealed class DeskActionTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task The_api_requires_sign_in()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        await kiosk.PublishAsync(kiosk.Request("r1", T0));
        using var client = desk.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/desk", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/events", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim", DeskServer.Json(new { }), ct)).StatusCode);

        desk.AddAgent("ana", "Ana");
        using var wrong = await client.PostAsync("/account/signin", DeskServer.Json(new { id = "ana", password = "not-the-password" }), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/desk", ct)).StatusCode);

        // The sentinel: a claim that is allowed, sent after every refused one; it must be the only action that arrives.
        using var signedIn = await desk.SignedInClientAsync("ana");
        using var allowed = await signedIn.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim", DeskServer.Json(new { }), ct);
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        var arrived = await kiosk.ActionsThroughAsync(a => a.Type == AgentActionType.Claim && a.Agent.Id == "ana");
        Assert.Equal([(AgentActionType.Claim, "ana")], arrived.Select(a => (a.Type, a.Agent.Id)));
    }

    [Fact]
    public async Task A_claim_publishes_an_agent_action_with_the_signed_in_agents_identity()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        await kiosk.PublishAsync(kiosk.Request("r1", T0));
        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 1, "the request reaches the desk");

        // Whatever identity the browser claims is ignored: the action carries the session's agent.
        using var response = await client.PostAsync(
            $"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim", DeskServer.Json(new { agent = new { id = "mallory", name = "Mallory" } }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var (topic, action) = await kiosk.NextActionAsync(AgentActionType.Claim);
        Assert.Equal(Topics.AgentAction(kiosk.Site, kiosk.Kiosk, "r1", desk.Get<DeskState>().DeskId), topic);
        Assert.Equal(new AgentRef("ana", "Ana"), action.Agent);
        Assert.Equal("r1", action.RequestId);
        Assert.True(Ids.IsValid(action.Id));
        Assert.Null(action.Validate());
        Assert.InRange(action.At, DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow.AddSeconds(1));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(action.Id, body.RootElement.GetProperty("actionId").GetString());
    }

    [Fact]
    public async Task A_claim_on_a_request_another_agent_holds_is_refused_at_once_with_their_name()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 2, HelpState.Assigned, new AgentRef("budi", "Budi")));
        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 1, "the request reaches the desk");

        using var response = await client.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim", DeskServer.Json(new { }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Budi", body.RootElement.GetProperty("takenBy").GetString());

        // The sentinel: a claim of an open request, sent after the refused one; it must be the only action that arrives.
        await kiosk.PublishAsync(kiosk.Request("r2", T0));
        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 2, "the second request reaches the desk");
        using var allowed = await client.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r2/claim", DeskServer.Json(new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        var arrived = await kiosk.ActionsThroughAsync(a => a.RequestId == "r2");
        Assert.Equal([(AgentActionType.Claim, "r2")], arrived.Select(a => (a.Type, a.RequestId)));
    }

    [Fact]
    public async Task Chat_and_resolve_go_to_the_kiosk_with_text_and_outcome_and_bad_ones_are_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 2, HelpState.Assigned, new AgentRef("ana", "Ana")));
        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 1, "the request reaches the desk");
        var ct = TestContext.Current.CancellationToken;
        var url = $"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{url}/chat", DeskServer.Json(new { text = "   " }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{url}/chat", DeskServer.Json(new { text = new string('x', 2001) }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"{url}/resolve", DeskServer.Json(new { outcome = "made_up" }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{url}/teleport", DeskServer.Json(new { }), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/nope/claim", DeskServer.Json(new { }), ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{url}/chat", DeskServer.Json(new { text = " Hi! I can help. " }), ct)).StatusCode);
        Assert.Equal("Hi! I can help.", (await kiosk.NextActionAsync(AgentActionType.Chat)).Action.Text);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"{url}/resolve", DeskServer.Json(new { outcome = "payment_fixed" }), ct)).StatusCode);
        var resolve = (await kiosk.NextActionAsync(AgentActionType.Resolve)).Action;
        Assert.Equal("payment_fixed", resolve.Outcome);
        Assert.Equal("ana", resolve.Agent.Id);
    }

    [Theory]
    [InlineData("http://evil.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, null)]
    public async Task A_post_that_does_not_come_from_the_desk_page_is_refused(string? origin, string? fetchSite)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        await kiosk.PublishAsync(kiosk.Request("r1", T0));
        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 1, "the request reaches the desk");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim") { Content = DeskServer.Json(new { }) };
        client.DefaultRequestHeaders.Remove("Origin");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        // The sentinel: the same claim from the desk page, sent after the refused one; it must be the only action that arrives.
        using var page = await desk.SignedInClientAsync("ana");
        using var claim = await page.PostAsync($"/api/requests/{kiosk.Site}/{kiosk.Kiosk}/r1/claim", DeskServer.Json(new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, claim.StatusCode);
        var arrived = await kiosk.ActionsThroughAsync(a => a.Type == AgentActionType.Claim);
        Assert.Equal([AgentActionType.Claim], arrived.Select(a => a.Type));
    }

    [Fact]
    public async Task The_live_stream_pushes_each_change_and_counts_the_agent_online_for_kiosks()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        var ct = TestContext.Current.CancellationToken;

        using var response = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var first = await NextDeskEventAsync(reader);
        Assert.Empty(first.Requests);

        await Eventually.TrueAsync(() => kiosk.DeskPresence.TryGetValue(desk.DeskId, out var p) && p.AgentsOnline == 1, "the desk says one agent is online");
        await Eventually.TrueAsync(() => kiosk.LastQueue?.AgentsOnline == 1, "the queue counts the agent");

        await kiosk.PublishAsync(kiosk.Request("r1", T0));
        DeskView next;
        do
        {
            next = await NextDeskEventAsync(reader);
        }
        while (next.Requests.Count == 0);

        Assert.Equal("r1", Assert.Single(next.Requests).RequestId);
    }

    private static async Task<DeskView> NextDeskEventAsync(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var isDesk = false;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "event: desk")
            {
                isDesk = true;
            }
            else if (isDesk && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<DeskView>(line["data: ".Length..], ProtocolJson.Options)!;
            }
        }

        throw new EndOfStreamException("the event stream ended");
    }
}
