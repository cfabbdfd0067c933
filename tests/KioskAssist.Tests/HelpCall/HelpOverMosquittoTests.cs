using System.Net.Http.Json;
using System.Text;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.HelpCall;

/// <summary>The kiosk host and agents through a real Mosquitto: request, claim race, chat, resolve, cancel, outages, duplicates.</summary>
[Trait("Category", "Integration")]
public sealed class HelpOverMosquittoTests
{
    [Theory]
    [InlineData(311)]
    [InlineData(500)]
    public async Task A_button_press_reaches_the_desk_with_the_conversation_so_far(int mqttVersion)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker, protocolVersion: mqttVersion);
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker), $"--Broker:ProtocolVersion={mqttVersion}"]);
        using var client = kiosk.CreateClient();
        await Ask(client, "kenapa paylater saya ditolak");

        (await client.PostAsync("/dev/button/press", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var request = await desk.WaitForAsync(() => desk.Requests.SingleOrDefault());
        Assert.Equal(HelpReason.Button, request.Reason);
        Assert.Equal(("test-site", "kiosk-1"), (request.Site, request.Kiosk));
        Assert.Equal("id", request.Language);
        Assert.Equal("kenapa paylater saya ditolak", request.Transcript[0].Text);
        Assert.Equal("pay_later_declined", request.Transcript[1].Intent);
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.Delivered);
    }

    [Fact]
    public async Task Two_agents_claim_at_once_and_exactly_one_gets_the_request()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var ana = await TestDesk.ConnectAsync(broker, "desk-ana");
        await using var budi = await TestDesk.ConnectAsync(broker, "desk-budi");
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Screen);
        var request = await ana.WaitForAsync(() => ana.Request(call.RequestId));
        await budi.WaitForAsync(() => budi.Request(call.RequestId));

        await Task.WhenAll(ana.SendAsync(request, AgentActionType.Claim, "ana"), budi.SendAsync(request, AgentActionType.Claim, "budi"));

        var seenByAna = await ana.WaitForAsync(() => ana.Request(call.RequestId) is { State: HelpState.Assigned } r ? r : null);
        var seenByBudi = await budi.WaitForAsync(() => budi.Request(call.RequestId) is { State: HelpState.Assigned } r ? r : null);
        Assert.Equal(seenByAna.Agent, seenByBudi.Agent);
        Assert.Contains(seenByAna.Agent!.Id, new[] { "ana", "budi" });
        Assert.Equal(seenByAna.Agent.Name, kiosk.Get<HelpCallCoordinator>().View()!.AgentName);

        // The sentinel: the winner's first line, sent after both claims. Its state change is revision 3 only if the
        // losing claim changed nothing before it.
        var (winner, winnerId) = seenByAna.Agent.Id == "ana" ? (ana, "ana") : (budi, "budi");
        await winner.SendAsync(seenByAna, AgentActionType.Chat, winnerId, "I'm here.");
        await ana.WaitForAsync(() => ana.ChatOf(call.RequestId).SingleOrDefault());
        var afterSentinel = await ana.WaitForAsync(() => ana.Request(call.RequestId) is { State: HelpState.Connected } r ? r : null);
        Assert.Equal((3L, winnerId), (afterSentinel.Revision, afterSentinel.Agent!.Id));
    }

    [Fact]
    public async Task Chat_flows_both_ways_and_resolving_returns_the_kiosk_to_the_assistant()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        using var client = kiosk.CreateClient();
        (await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var request = await desk.WaitForAsync(() => desk.Requests.SingleOrDefault());
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await desk.WaitForAsync(() => desk.Request(request.Id) is { State: HelpState.Assigned } r ? r : null);

        await desk.SendAsync(request, AgentActionType.Chat, "ana", "Hi, I'm Ana. What happened?");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()?.Chat.Count == 1);
        using var reply = await client.PostAsJsonAsync("/api/help/chat", new { text = "the QR code won't scan" }, TestContext.Current.CancellationToken);
        reply.EnsureSuccessStatusCode();

        var chat = await desk.WaitForAsync(() => desk.ChatOf(request.Id) is { Count: 2 } lines ? lines : null);
        Assert.Equal(["agent", "shopper"], chat.Select(c => c.From));
        Assert.Equal("the QR code won't scan", chat[1].Text);
        Assert.Equal(HelpState.Connected, desk.Request(request.Id)!.State);

        await desk.SendAsync(request, AgentActionType.Resolve, "ana", outcome: "answered");

        await desk.WaitForAsync(() => desk.Request(request.Id) is { State: HelpState.Resolved } r ? r : null);
        await Eventually.TrueAsync(() => desk.Cleared.Contains(request.Id));
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View() is null);
        Assert.Equal("Ana", kiosk.Get<HelpCallCoordinator>().LastEnded!.AgentName);
    }

    [Fact]
    public async Task The_shopper_cancelling_reaches_the_desk()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        using var client = kiosk.CreateClient();
        (await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var request = await desk.WaitForAsync(() => desk.Requests.SingleOrDefault());

        (await client.PostAsJsonAsync("/api/help/cancel", new { }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await desk.WaitForAsync(() => desk.Request(request.Id) is { State: HelpState.Cancelled } r ? r : null);
    }

    [Fact]
    public async Task A_request_made_while_the_broker_is_down_is_delivered_once_when_it_returns()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker); // online before the outage, like a real desk
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        await broker.StopAsync();
        using var client = kiosk.CreateClient();

        (await client.PostAsync("/dev/button/press", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var saved = kiosk.Get<HelpCallCoordinator>().View()!;
        Assert.False(saved.Delivered);
        (await client.PostAsJsonAsync("/api/help/chat", new { text = "still there?" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await broker.RestartAsync();
        var request = await desk.WaitForAsync(() => desk.Request(saved.RequestId), TimeSpan.FromSeconds(30));
        await desk.WaitForAsync(() => desk.ChatOf(saved.RequestId).SingleOrDefault(), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.Delivered);
        Assert.Equal(HelpState.Open, request.State);
        Assert.Single(desk.Requests);
    }

    [Fact]
    public async Task A_broker_restart_in_the_middle_of_a_call_loses_nothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        var (call, request) = await ClaimedByAnaAsync(kiosk, desk);

        await broker.RestartAsync(TimeSpan.FromMilliseconds(500));
        kiosk.Get<HelpCallCoordinator>().ShopperSays("are you coming?");
        var chatAction = Ids.New();
        await desk.RetryUntilAsync(async () => await desk.SendAsync(request, AgentActionType.Chat, "ana", "Yes, two minutes.", actionId: chatAction));

        var chat = await desk.WaitForAsync(() => desk.ChatOf(call.RequestId) is { Count: 2 } lines ? lines : null, TimeSpan.FromSeconds(30));
        Assert.Equal(["are you coming?", "Yes, two minutes."], chat.Select(c => c.Text));
        Assert.Equal(HelpState.Connected, kiosk.Get<HelpCallCoordinator>().View()!.State);
    }

    [Fact]
    public async Task Duplicate_deliveries_of_an_action_are_applied_once()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        var (call, request) = await ClaimedByAnaAsync(kiosk, desk);

        for (var i = 0; i < 3; i++)
        {
            await desk.SendAsync(request, AgentActionType.Chat, "ana", "Hello!", actionId: "same-action-id");
        }

        // The sentinel: a new line sent after the duplicates; when it is here, every duplicate was handled before it.
        await desk.SendAsync(request, AgentActionType.Chat, "ana", "Sentinel", actionId: "sentinel-action-id");
        await desk.WaitForAsync(() => desk.ChatOf(call.RequestId).Any(c => c.Text == "Sentinel") ? desk : null);
        Assert.Equal(["Hello!", "Sentinel"], desk.ChatOf(call.RequestId).Select(c => c.Text));
        Assert.Equal(["Hello!", "Sentinel"], kiosk.Get<HelpCallCoordinator>().View()!.Chat.Select(c => c.Text));
    }

    [Fact]
    public async Task Malformed_messages_on_the_kiosks_topics_are_counted_and_dropped()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Button);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        var topic = Topics.AgentAction(request.Site, request.Kiosk, request.Id, desk.DeskId);
        byte[][] bad =
        [
            Encoding.UTF8.GetBytes("{not json"),
            Encoding.UTF8.GetBytes("""{"v":2,"id":"a","requestId":"b","type":"claim","agent":{"id":"x","name":"X"},"at":"2026-11-28T09:00:00Z"}"""),
            Encoding.UTF8.GetBytes("""{"v":1,"id":"a","requestId":"b","type":"claim","agent":{"id":"x/#","name":"X"},"at":"2026-11-28T09:00:00Z"}"""),
            Encoding.UTF8.GetBytes("""{"v":"1"}"""),
            new byte[1024 * 1024],
        ];

        foreach (var payload in bad)
        {
            await desk.Connection.TryPublishAsync(topic, payload, retain: false, TestContext.Current.CancellationToken);
        }

        await desk.Connection.TryPublishAsync(Topics.Queue, Encoding.UTF8.GetBytes("[]"), retain: false, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => kiosk.Get<MessageCounters>().Dropped >= bad.Length + 1);
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.State == HelpState.Assigned);
    }

    /// <summary>A button call the desk has seen and Ana has claimed, as the kiosk confirms.</summary>
    private static async Task<(HelpCallView Call, HelpRequestMessage Request)> ClaimedByAnaAsync(KioskServer kiosk, TestDesk desk)
    {
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Button);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.State == HelpState.Assigned);
        return (call, request);
    }

    private static async Task Ask(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { text, language = "en" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

}
