using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.Unit;

/// <summary>The light's own pattern for "store staff are walking over", and that no other pattern looks like it.</summary>
[Trait("Category", "Unit")]
public sealed class StaffComingLightTests
{
    private static HelpCallView Call(HelpState state, bool delivered = true, bool urgent = false, HelpStaffView? staff = null) =>
        new("r1", state, HelpReason.Button, DateTimeOffset.UnixEpoch, delivered, urgent, Notice: false, state == HelpState.Open ? null : "Ana",
            QueuePosition: null, AgentsOnline: null, EstimateSeconds: null, Chat: [], Staff: staff);

    [Theory]
    [InlineData(HelpState.Open, false)]
    [InlineData(HelpState.Open, true)]
    [InlineData(HelpState.Assigned, false)]
    [InlineData(HelpState.Connected, false)]
    public void A_staff_acknowledgement_shows_the_staff_pattern_whatever_else_holds(HelpState state, bool urgent)
    {
        var call = Call(state, urgent: urgent, staff: new HelpStaffView("Dewi", DateTimeOffset.UnixEpoch));

        Assert.Equal(LightPattern.StaffComing, LightPatterns.For(call, brokerConnected: true));
    }

    [Fact]
    public void Without_an_acknowledgement_the_patterns_are_as_before()
    {
        Assert.Equal(LightPattern.SlowBlink, LightPatterns.For(Call(HelpState.Open), brokerConnected: true));
        Assert.Equal(LightPattern.FastBlink, LightPatterns.For(Call(HelpState.Open, urgent: true), brokerConnected: true));
        Assert.Equal(LightPattern.Steady, LightPatterns.For(Call(HelpState.Connected), brokerConnected: true));
        Assert.Equal(LightPattern.DoubleBlink, LightPatterns.For(Call(HelpState.Open, delivered: false), brokerConnected: false));
    }

    [Fact]
    public void The_staff_pattern_blinks_and_differs_from_every_other_pattern()
    {
        var staff = LightPatterns.Steps(LightPattern.StaffComing);

        Assert.True(staff.Count > 1 && staff.Any(s => s.On) && staff.Any(s => !s.On)); // blinks: neither steady nor off
        Assert.True(staff.Where(s => s.On).Sum(s => s.Milliseconds) > staff.Where(s => !s.On).Sum(s => s.Milliseconds)); // mostly on
        foreach (var other in Enum.GetValues<LightPattern>().Where(p => p != LightPattern.StaffComing))
        {
            Assert.NotEqual(staff, LightPatterns.Steps(other));
        }
    }
}
