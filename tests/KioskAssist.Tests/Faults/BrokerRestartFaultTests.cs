using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// Mosquitto restarted again and again under a kiosk with open requests: each cycle raises one request while the broker
/// is up (it is open across the restart), one while it is down (with a chat line), and one while it is coming back.
/// </summary>
[Trait("Category", "Faults")]
public sealed class BrokerRestartFaultTests
{
    private const int Cycles = 20;

    [Fact]
    public async Task Twenty_broker_restarts_with_open_requests_deliver_every_request_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tally = new FaultTally("broker restarted during open requests");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker), "--Help:UrgentAfterSeconds=600", "--Help:NoticeAfterSeconds=700"]);
        var help = kiosk.Get<HelpCallCoordinator>();
        var link = kiosk.Get<KioskBrokerLink>();
        var chatSent = new Dictionary<string, string>();
        var comingBackWhileDisconnected = 0;

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            await Eventually.TrueAsync(() => link.IsUp, $"the kiosk reconnected (cycle {cycle})");
            help.Cancel();
            var up = help.Start(HelpReason.Button).RequestId;
            tally.Pressed(up);
            await desk.WaitForAsync(() => desk.Request(up)); // the broker has it: it is open through the restart

            await broker.StopAsync();
            help.Cancel();
            var down = help.Start(HelpReason.Screen).RequestId;
            tally.Pressed(down);
            var text = $"cycle {cycle}: still there?";
            Assert.NotNull(help.ShopperSays(text));
            chatSent[down] = text;

            await broker.RestartAsync();
            comingBackWhileDisconnected += link.IsUp ? 0 : 1;
            help.Cancel();
            var comingBack = help.Start(HelpReason.Button).RequestId;
            tally.Pressed(comingBack);
        }

        var last = tally.Sent[^1];
        await desk.WaitForAsync(
            () => tally.Sent.All(id => desk.Request(id) is { } r && r.State == (id == last ? HelpState.Open : HelpState.Cancelled)) ? desk : null,
            TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => kiosk.Get<FirmwareHost.Storage.Outbox>().PendingCount() == 0);
        // The sentinel: a line on the last call, sent through the outbox after everything above; once the desk has it,
        // every redelivery the kiosk had in flight has landed too (one connection, in order).
        Assert.NotNull(help.ShopperSays("sentinel"));
        await desk.WaitForAsync(() => desk.ChatOf(last).Any(c => c.Text == "sentinel") ? desk : null, TimeSpan.FromSeconds(30));
        foreach (var (id, text) in chatSent)
        {
            Assert.Equal([text], desk.ChatOf(id).Select(c => c.Text));
        }

        tally.ReportAndAssert(desk, $"{Cycles} restarts; chat lines sent while down {chatSent.Count}, delivered {chatSent.Count(c => desk.ChatOf(c.Key).Count == 1)}; " +
            $"raised while the kiosk was still reconnecting {comingBackWhileDisconnected}");
        Assert.Equal(3 * Cycles, tally.Sent.Count);
    }
}
