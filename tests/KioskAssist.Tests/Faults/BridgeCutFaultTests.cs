using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// The retail topology: a Mosquitto in the store (the kiosk and the store's staff devices connect to it) bridged to a
/// central Mosquitto (the agent desks connect there), the ka/v1 topics both ways, the bridge's link through a
/// <see cref="TcpFaultProxy"/>. Cutting the bridge alerts the store's staff at once, through the store broker, for the
/// call in progress and for a call raised during the cut; when the link returns the central desk gets the requests,
/// once, and its agent can take the call.
/// </summary>
[Trait("Category", "Faults")]
public sealed class BridgeCutFaultTests
{
    private const string Site = "store-7";
    private const string BridgeState = "$SYS/broker/connection/central/state";

    [Fact]
    public async Task A_cut_bridge_alerts_store_staff_at_once_and_central_agents_get_the_requests_when_it_returns()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tally = new FaultTally("store-to-central bridge cut");
        await using var central = await MosquittoBroker.StartAsync();
        await using var proxy = new TcpFaultProxy(central.Host, central.Port);
        await using var store = await MosquittoBroker.StartAsync(extraConfig: $"""
            connection central
            address {proxy.Host}:{proxy.Port}
            remote_clientid bridge-{Site}
            topic ka/v1/# both 1
            cleansession false
            notifications true
            notifications_local_only true
            notification_topic {BridgeState}
            keepalive_interval 5
            restart_timeout 1
            """);
        await using var desk = await TestDesk.ConnectAsync(central);
        await using var staff = await StaffDevice.ConnectAsync(store, Site);
        await using var kiosk = await KioskServer.StartAsync(
            [.. KioskServer.UsingBroker(store, Site), $"--Help:BridgeStateTopic={BridgeState}", "--Help:UrgentAfterSeconds=600", "--Help:NoticeAfterSeconds=700",
                "--Help:NoDeskGraceSeconds=500"]); // no desk publishes a queue here: only the bridge's alerts are under test
        var help = kiosk.Get<HelpCallCoordinator>();

        var before = help.Start(HelpReason.Button).RequestId;
        tally.Pressed(before);
        await desk.WaitForAsync(() => desk.Request(before), TimeSpan.FromSeconds(30)); // through the bridge
        Assert.Empty(staff.Alerts);

        var cutAt = staff.Now;
        proxy.Drop();
        var firstAlert = await desk.WaitForAsync(() => staff.Alerts.FirstOrDefault(a => a.Alert.RequestId == before));
        var alertedAfter = firstAlert.At - cutAt;

        help.Cancel();
        var during = help.Start(HelpReason.Screen).RequestId;
        tally.Pressed(during);
        var raised = staff.Now;
        Assert.NotNull(help.ShopperSays("the card reader is broken"));
        var secondAlert = await desk.WaitForAsync(() => staff.Alerts.FirstOrDefault(a => a.Alert.RequestId == during));
        var duringAlertedAfter = secondAlert.At - raised;
        await Eventually.TrueAsync(() => kiosk.Get<Outbox>().PendingCount() == 0); // the store broker took it all
        await Task.Delay(TimeSpan.FromSeconds(10), cancellation);
        Assert.Null(desk.Request(during)); // nothing crossed the cut bridge

        proxy.Pass();
        var healed = Stopwatch.StartNew();
        var arrived = await desk.WaitForAsync(() => desk.Request(during), TimeSpan.FromSeconds(60));
        var arrivedAfterHeal = healed.Elapsed;
        await desk.WaitForAsync(() => desk.Request(before) is { State: HelpState.Cancelled } r ? r : null, TimeSpan.FromSeconds(30));
        await desk.WaitForAsync(() => desk.ChatOf(during).SingleOrDefault(), TimeSpan.FromSeconds(30));
        Assert.Equal(HelpState.Open, arrived.State);

        await desk.SendAsync(arrived, AgentActionType.Claim, "ana"); // a central agent takes the call through the bridge
        await Eventually.TrueAsync(() => help.View()?.State == HelpState.Assigned);
        await desk.WaitForAsync(() => desk.Request(during) is { State: HelpState.Assigned } r ? r : null);
        await Task.Delay(500, cancellation);

        Assert.Equal(1, staff.Alerts.Count(a => a.Alert.RequestId == before));
        Assert.Equal(1, staff.Alerts.Count(a => a.Alert.RequestId == during));
        tally.ReportAndAssert(desk, string.Create(CultureInfo.InvariantCulture,
            $"staff alerted {alertedAfter.TotalMilliseconds:F0} ms after the cut (open call) and {duringAlertedAfter.TotalMilliseconds:F0} ms after " +
            $"a press during it; staff alerts {staff.Alerts.Count}; request at the central desk {arrivedAfterHeal.TotalSeconds:F1} s after the link returned"));
        Assert.Equal(2, staff.Alerts.Count);
    }

    /// <summary>A store staff device: subscribed to the store broker's staff topic, noting when each alert came.</summary>
    private sealed class StaffDevice : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly BrokerConnection _connection;
        private readonly Task _run;

        private StaffDevice(MosquittoBroker broker)
        {
            _connection = new BrokerConnection(
                new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
                "staff-device", null, TimeProvider.System, NullLogger.Instance)
            {
                MessageReceived = (_, payload) =>
                {
                    if (ProtocolJson.TryDecode(payload, out StaffAlertMessage? alert, out string? _))
                    {
                        Alerts.Enqueue(new Received(alert!, _clock.Elapsed));
                    }

                    return Task.CompletedTask;
                },
            };
            _run = _connection.RunAsync(_stop.Token);
        }

        public ConcurrentQueue<Received> Alerts { get; } = new();

        /// <summary>The device's clock, which <see cref="Received.At"/> is read on.</summary>
        public TimeSpan Now => _clock.Elapsed;

        public static async Task<StaffDevice> ConnectAsync(MosquittoBroker broker, string site)
        {
            var device = new StaffDevice(broker);
            await device._connection.SubscribeAsync([Topics.Staff(site)], CancellationToken.None);
            await device._connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
            return device;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            await _connection.DisposeAsync();
            _stop.Dispose();
        }

        /// <param name="At">On the device's clock (<see cref="Now"/>).</param>
        public sealed record Received(StaffAlertMessage Alert, TimeSpan At);
    }
}
