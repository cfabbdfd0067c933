using System.Diagnostics;
using System.Globalization;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// One network cut between a kiosk and its broker, through a <see cref="TcpFaultProxy"/>: a request open before the
/// cut, requests (with chat) raised during it, then the link healed; the desk, on the broker's side, counts.
/// </summary>
internal static class NetworkCut
{
    public static async Task RunAsync(LinkMode cut, TimeSpan length, int requestsDuringCut)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tally = new FaultTally($"network cut ({cut}, {length.TotalSeconds:F0} s)");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpFaultProxy(broker.Host, broker.Port);
        await using var desk = await TestDesk.ConnectAsync(broker);
        // The kiosk's own keep-alive (15 s by default) is what must notice a black hole; backoff capped at 5 s.
        await using var kiosk = await KioskServer.StartAsync(
        [
            $"--Broker:Host={proxy.Host}", $"--Broker:Port={proxy.Port}", "--Broker:ReconnectMinSeconds=0.5", "--Broker:ReconnectMaxSeconds=5",
            "--Kiosk:Site=cut-site", "--Kiosk:Id=kiosk-1", "--Help:UrgentAfterSeconds=600", "--Help:NoticeAfterSeconds=700",
        ]);
        var help = kiosk.Get<HelpCallCoordinator>();
        var link = kiosk.Get<KioskBrokerLink>();
        var noticed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        link.Changed += connected =>
        {
            if (!connected && clock.IsRunning)
            {
                noticed.TrySetResult(clock.Elapsed);
            }
        };
        await Eventually.TrueAsync(() => link.IsUp);

        var before = help.Start(HelpReason.Button).RequestId;
        tally.Pressed(before);
        await desk.WaitForAsync(() => desk.Request(before));

        clock.Start();
        if (cut == LinkMode.Drop)
        {
            proxy.Drop();
        }
        else
        {
            proxy.BlackHole();
        }

        var chat = new Dictionary<string, string>();
        for (var i = 1; i <= requestsDuringCut; i++)
        {
            // Spread over the cut: the first at once (possibly before the kiosk noticed), the rest later.
            var at = length * (i - 1) / requestsDuringCut;
            if (at > clock.Elapsed)
            {
                await Task.Delay(at - clock.Elapsed, cancellation);
            }

            help.Cancel();
            var id = help.Start(HelpReason.Screen).RequestId;
            tally.Pressed(id);
            chat[id] = $"request {i} during the cut";
            Assert.NotNull(help.ShopperSays(chat[id]));
            Assert.False(help.View()!.Delivered, "The screen says sent while the network is cut.");
        }

        if (length > clock.Elapsed)
        {
            await Task.Delay(length - clock.Elapsed, cancellation);
        }

        Assert.True(noticed.Task.IsCompleted, $"The kiosk did not notice the {cut} cut within {length.TotalSeconds} s.");
        Assert.Equal([before], desk.Requests.Select(r => r.Id)); // nothing leaked through the cut
        var detectedAfter = await noticed.Task;
        proxy.Pass();
        var healed = Stopwatch.StartNew();

        var last = tally.Sent[^1];
        await desk.WaitForAsync(
            () => tally.Sent.All(id => desk.Request(id) is { } r && r.State == (id == last ? HelpState.Open : HelpState.Cancelled)) ? desk : null,
            TimeSpan.FromSeconds(60));
        var arrivedAfterHeal = healed.Elapsed;
        await Eventually.TrueAsync(() => kiosk.Get<Outbox>().PendingCount() == 0 && help.View()!.Delivered);
        await Task.Delay(500, cancellation);
        foreach (var (id, text) in chat)
        {
            Assert.Equal([text], desk.ChatOf(id).Select(c => c.Text));
        }

        tally.ReportAndAssert(desk, string.Create(CultureInfo.InvariantCulture,
            $"cut noticed by the kiosk after {detectedAfter.TotalSeconds:F1} s; all delivered {arrivedAfterHeal.TotalSeconds:F1} s after the heal; " +
            $"proxy connections accepted {proxy.Accepted}"));
    }
}
