using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.HelpCall;

namespace KioskAssist.Tests.Fleet;

/// <summary>What the help call counts for the fleet: calls, hand-overs and the wait for each claim, under a fake clock.</summary>
[Trait("Category", "Integration")]
public sealed class HelpCallMetricsTests : IDisposable
{
    private readonly HelpCallFixture _kiosk = new();

    private HelpCallCoordinator Help => _kiosk.Coordinator;

    [Fact]
    public void A_call_counts_once_however_often_the_shopper_presses()
    {
        Help.Start(HelpReason.Button);
        Help.Start(HelpReason.Button);
        Help.Start(HelpReason.Screen);

        Assert.Equal(new MetricsCounts(0, 0, 1, 0), _kiosk.Metrics.Snapshot().Today);
    }

    [Fact]
    public void A_claim_counts_as_handed_to_a_person_with_its_wait_and_losing_or_redelivered_claims_do_not()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(12));
        var claim = _kiosk.Action(AgentActionType.Claim, call.RequestId, "ana");

        Assert.Equal(ActionResult.Applied, Help.Apply(claim, call.RequestId));
        Assert.Equal(ActionResult.Duplicate, Help.Apply(claim, call.RequestId));
        Assert.Equal(ActionResult.Refused, Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "budi"), call.RequestId));

        var snapshot = _kiosk.Metrics.Snapshot();
        Assert.Equal(1, snapshot.Today.HandedToPerson);
        Assert.Equal(12, snapshot.MedianSecondsToClaimToday);
    }

    [Fact]
    public void A_claim_after_a_release_is_timed_from_the_release()
    {
        var call = Help.Start(HelpReason.Button);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(10));
        Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "ana"), call.RequestId);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(100));
        Help.Apply(_kiosk.Action(AgentActionType.Release, call.RequestId, "ana"), call.RequestId);
        _kiosk.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(ActionResult.Applied, Help.Apply(_kiosk.Action(AgentActionType.Claim, call.RequestId, "budi"), call.RequestId));

        var snapshot = _kiosk.Metrics.Snapshot();
        Assert.Equal(2, snapshot.Today.HandedToPerson);
        Assert.Equal(20, snapshot.MedianSecondsToClaimToday); // median of 10 s and 30 s, not of 10 s and 140 s
    }

    public void Dispose() => _kiosk.Dispose();
}
