namespace KioskAssist.FleetSimulator;

/// <summary>Resident memory in kB (VmRSS) at three moments of a run, and the peak (VmHWM). Null where not readable.</summary>
public sealed record MemoryFigures(long? BeforeKiosks, long? Connected, long? End, long? Peak)
{
    public static MemoryFigures Unknown { get; } = new(null, null, null, null);

    /// <summary>(connected − before) / kiosks: what one kiosk's connection costs, in kB.</summary>
    public double? PerKiosk(int kiosks) => Connected - BeforeKiosks is { } grown ? grown / (double)kiosks : null;
}
