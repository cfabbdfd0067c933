using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>Which pattern the light shows for a help call, and how each pattern blinks.</summary>
public static class LightPatterns
{
    public static LightPattern For(HelpCallView? call, bool brokerConnected) => call switch
    {
        null => LightPattern.Off,
        { Staff: not null } => LightPattern.StaffComing, // the light guides the person walking over, whatever else holds
        { State: HelpState.Assigned or HelpState.Connected } => LightPattern.Steady,
        { Delivered: false } when !brokerConnected => LightPattern.DoubleBlink,
        { Urgent: true } => LightPattern.FastBlink,
        _ => LightPattern.SlowBlink,
    };

    /// <summary>One cycle of the pattern as (on, milliseconds) steps; a single step is held until the pattern changes.</summary>
    public static IReadOnlyList<(bool On, int Milliseconds)> Steps(LightPattern pattern) => pattern switch
    {
        LightPattern.Off => [(false, 0)],
        LightPattern.Steady => [(true, 0)],
        LightPattern.SlowBlink => [(true, 500), (false, 500)],
        LightPattern.FastBlink => [(true, 125), (false, 125)],
        LightPattern.DoubleBlink => [(true, 120), (false, 120), (true, 120), (false, 640)],
        LightPattern.StaffComing => [(true, 1500), (false, 250)],
        LightPattern.Attention => [(true, 1000), (false, 1000)],
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };
}
