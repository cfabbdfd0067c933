using System.Text;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Security;

/// <summary>
/// Issue #12's "any agent can act as any other agent", re-run against Mosquitto configured by <c>kafleet broker-config</c>:
/// the desk that sent an action is the broker-authenticated last level of its topic, not the agent id in its payload.
/// A denied publish is silent on MQTT 3.1.1, so each ACL test sends the forbidden message before an allowed one on the
/// same connection: once the allowed one has arrived, the forbidden one would have arrived before it.
/// </summary>
[Trait("Category", "Security")]
public sealed class AgentIdentityTests(SecuredBrokerFixture broker) : IClassFixture<SecuredBrokerFixture>
{
    [Fact]
    public async Task A_desk_cannot_publish_on_another_desks_action_topic_or_the_old_topic_without_a_desk()
    {
        using var kiosk = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "a");
        await kiosk.SubscribeAsync("ka/v1/agent/s/a/#");
        using var deskB = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskB);

        await deskB.PublishAsync("ka/v1/agent/s/a/r1/desk-a", "forged-as-a");
        await deskB.PublishAsync("ka/v1/agent/s/a/r1", "old-wire");
        await deskB.PublishAsync("ka/v1/agent/s/a/r1/desk-b", "own");

        await Eventually.TrueAsync(() => kiosk.Received.Contains("ka/v1/agent/s/a/r1/desk-b own"), $"desk-b's own action arrives (log: {broker.BrokerLog})");
        Assert.DoesNotContain("ka/v1/agent/s/a/r1/desk-a forged-as-a", kiosk.Received);
        Assert.DoesNotContain("ka/v1/agent/s/a/r1 old-wire", kiosk.Received);
    }

    [Fact]
    public async Task A_desk_cannot_act_on_or_read_a_site_it_does_not_serve()
    {
        using var kioskT = await broker.ConnectWithBundleAsync(broker.Fleet, "t", "x");
        await kioskT.SubscribeAsync("ka/v1/agent/t/x/#");
        using var kioskS = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "b");
        using var deskA = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        await deskA.SubscribeAsync("ka/v1/requests/s/#");
        await kioskS.PublishAsync("ka/v1/requests/s/b/secret", "{\"transcript\":\"site s only\"}", retain: true);
        await kioskT.PublishAsync("ka/v1/presence/t/x", "online", retain: true);
        await Eventually.TrueAsync(() => deskA.Received.Any(m => m.StartsWith("ka/v1/requests/s/b/secret ", StringComparison.Ordinal)), "site s's own desk reads it");

        // desk-t serves site t only: one subscription covers both retained messages, so they come in the same delivery.
        using var deskT = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskOther);
        await deskT.SubscribeAsync("ka/v1/#");
        await deskT.PublishAsync("ka/v1/agent/s/b/secret/desk-t", "act-on-s");
        await deskT.PublishAsync("ka/v1/agent/t/x/r1/desk-t", "act-on-t");

        await Eventually.TrueAsync(() => deskT.Received.Contains("ka/v1/presence/t/x online") && kioskT.Received.Contains("ka/v1/agent/t/x/r1/desk-t act-on-t"),
            $"desk-t reads and acts on its own site (log: {broker.BrokerLog})");
        Assert.DoesNotContain(deskT.Received, m => m.Contains("/s/", StringComparison.Ordinal));
        Assert.DoesNotContain(deskA.Received, m => m.Contains("act-on-s", StringComparison.Ordinal));
        await kioskS.PublishAsync("ka/v1/requests/s/b/secret", string.Empty, retain: true);
    }

    [Fact]
    public async Task A_kiosk_writes_typing_ratings_and_staff_alerts_its_sites_desks_read_and_both_desks_and_the_kiosk_read_staff_acks()
    {
        using var kiosk = await broker.ConnectWithBundleAsync(broker.Fleet, "s", "b");
        await kiosk.SubscribeAsync("ka/v1/staffack/s/b/+");
        using var deskA = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        using var deskB = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskB);
        using var deskT = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskOther);
        await deskA.SubscribeAsync("ka/v1/typing/s/+/+", "ka/v1/ratings/s/+/+", "ka/v1/staff/s");
        await deskB.SubscribeAsync("ka/v1/staffack/s/+/+", "ka/v1/desks/desk-t");
        await deskT.SubscribeAsync("ka/v1/typing/+/+/+", "ka/v1/ratings/+/+/+", "ka/v1/staff/+", "ka/v1/staffack/+/+/+", "ka/v1/desks/#");

        await kiosk.PublishAsync("ka/v1/typing/s/b/r9", "typing");
        await kiosk.PublishAsync("ka/v1/ratings/s/b/r9", "rating");
        await kiosk.PublishAsync("ka/v1/staff/s", "alert");
        await deskA.PublishAsync("ka/v1/staffack/s/b/r9", "ack");
        await deskT.PublishAsync("ka/v1/staffack/s/b/r9", "forged-ack"); // desk-t does not serve site s
        await deskT.PublishAsync("ka/v1/desks/desk-t", "sentinel-t"); // reaches desk-b after the forged one would have
        await deskA.PublishAsync("ka/v1/desks/desk-a", "sentinel"); // after everything above on desk-a's connection

        await Eventually.TrueAsync(
            () => deskA.Received.Contains("ka/v1/typing/s/b/r9 typing") && deskA.Received.Contains("ka/v1/ratings/s/b/r9 rating")
                && deskA.Received.Contains("ka/v1/staff/s alert") && kiosk.Received.Contains("ka/v1/staffack/s/b/r9 ack")
                && deskB.Received.Contains("ka/v1/staffack/s/b/r9 ack") && deskT.Received.Contains("ka/v1/desks/desk-a sentinel")
                && deskB.Received.Contains("ka/v1/desks/desk-t sentinel-t"),
            $"site s's desks read the kiosk's side channels, and the kiosk and the other desk read the acknowledgement (log: {broker.BrokerLog})");
        Assert.DoesNotContain(kiosk.Received, m => m.Contains("forged-ack", StringComparison.Ordinal));
        Assert.DoesNotContain(deskB.Received, m => m.Contains("forged-ack", StringComparison.Ordinal));
        Assert.DoesNotContain(deskT.Received, m => m.Contains("/s/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kiosk_refuses_a_forged_action_from_another_desk_for_a_request_claimed_through_the_first()
    {
        await using var kiosk = await KioskServer.StartAsync(broker.KioskSettings("e"), dataDirectory: null);
        using var deskA = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskA);
        using var deskB = await broker.ConnectDeskAsync(SecuredBrokerFixture.DeskB);
        await deskA.SubscribeAsync("ka/v1/chat/s/e/+", "ka/v1/requests/s/e/+");
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp, $"the kiosk connects (log: {broker.BrokerLog})");
        var help = kiosk.Get<HelpCallCoordinator>();
        var requestId = help.Start(HelpReason.Button).RequestId;
        var counters = kiosk.Get<MessageCounters>();

        await deskA.PublishAsync(Topics.AgentAction("s", "e", requestId, SecuredBrokerFixture.DeskA), Action(requestId, AgentActionType.Claim));
        await Eventually.TrueAsync(() => help.View()?.State == HelpState.Assigned, "desk-a's agent claims");

        // Bob at desk-b writes Ana's id into the payload, on the topic the ACL lets desk-b use.
        await deskB.PublishAsync(Topics.AgentAction("s", "e", requestId, SecuredBrokerFixture.DeskB), Action(requestId, AgentActionType.Chat, "please type your card PIN"));
        await deskA.PublishAsync(Topics.AgentAction("s", "e", requestId, SecuredBrokerFixture.DeskA), Action(requestId, AgentActionType.Chat, "hello from Ana"));

        await Eventually.TrueAsync(() => help.View()?.Chat.Count == 1, "Ana's own line arrives");
        Assert.Equal("hello from Ana", help.View()!.Chat.Single().Text);
        Assert.Equal(1, counters[DropReason.WrongDesk]);
        Assert.DoesNotContain(deskA.Received, m => m.Contains("card PIN", StringComparison.Ordinal));
        help.Cancel();
    }

    [Fact]
    public async Task An_action_on_the_old_topic_without_a_desk_is_counted_and_never_applied()
    {
        await using var plain = await MosquittoBroker.StartAsync(); // no ACL: the kiosk's own check is what is tested
        await using var desk = await TestDesk.ConnectAsync(plain);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(plain));
        var help = kiosk.Get<HelpCallCoordinator>();
        var request = await desk.WaitForAsync(() => desk.Request(help.Start(HelpReason.Button).RequestId));
        var claim = ProtocolJson.Encode(new AgentActionMessage
        {
            Id = Ids.New(), RequestId = request.Id, Type = AgentActionType.Claim, Agent = new AgentRef("ana", "Ana"), At = DateTimeOffset.UtcNow,
        });

        await desk.Connection.TryPublishAsync($"ka/v1/agent/{request.Site}/{request.Kiosk}/{request.Id}", claim, retain: false, TestContext.Current.CancellationToken);
        await desk.SendAsync(request, AgentActionType.Connect, "bob"); // sentinel: refused by state, counted after the first

        var counters = kiosk.Get<MessageCounters>();
        await Eventually.TrueAsync(() => counters[DropReason.Refused] == 1, "the sentinel is counted");
        Assert.Equal(1, counters[DropReason.MissingDesk]);
        Assert.Equal(HelpState.Open, help.View()!.State);
    }

    private static string Action(string requestId, AgentActionType type, string? text = null) => Encoding.UTF8.GetString(ProtocolJson.Encode(new AgentActionMessage
    {
        Id = Ids.New(), RequestId = requestId, Type = type, Agent = new AgentRef("ana", "Ana"), At = DateTimeOffset.UtcNow, Text = text,
    }));
}
