using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// The store broker's bridge to the central desks going down: the store's staff are alerted at once (not after the
/// urgent step) for the call in progress and for calls made during the outage, once per call and outage.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BridgeDownAlertTests : IDisposable
{
    private readonly HelpCallFixture _kiosk = new();

    private HelpCallCoordinator Help => _kiosk.Coordinator;

    private IReadOnlyList<StaffAlertMessage> Alerts => _kiosk.PendingOn<StaffAlertMessage>(Topics.Staff(HelpCallFixture.Site));

    [Fact]
    public void The_bridge_going_down_alerts_the_staff_for_the_open_call_at_once()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(4));

        Help.OnBridgeChanged(up: false);
        Help.OnBridgeChanged(up: false); // the retained state again, e.g. after a reconnect: no second alert

        var alert = Assert.Single(Alerts);
        Assert.Equal((call.RequestId, 4), (alert.RequestId, alert.WaitedSeconds));
        Assert.False(Help.View()!.Urgent); // the ladder is unchanged; this is an extra, earlier alert
    }

    [Fact]
    public void A_call_made_while_the_bridge_is_down_alerts_the_staff_with_the_request()
    {
        Help.OnBridgeChanged(up: false);
        Assert.Empty(Alerts); // nobody to alert about yet

        var call = Help.Start(HelpReason.Screen);

        Assert.Equal(call.RequestId, Assert.Single(Alerts).RequestId);
    }

    [Fact]
    public void The_bridge_returning_republishes_the_call_and_a_later_outage_alerts_again()
    {
        var call = Help.Start(HelpReason.Button);
        Help.OnBridgeChanged(up: false);

        Help.OnBridgeChanged(up: true);
        Help.OnBridgeChanged(up: false);

        Assert.Equal(2, Alerts.Count);
        var states = _kiosk.PublishedStates(call.RequestId);
        Assert.Equal(2, states.Count);
        Assert.All(states, s => Assert.Equal(1, s.Revision)); // the same state again, which desks drop by revision
    }

    [Fact]
    public void No_call_no_alert()
    {
        Help.OnBridgeChanged(up: false);
        Help.OnBridgeChanged(up: true);

        Assert.Empty(Alerts);
    }

    public void Dispose() => _kiosk.Dispose();
}
