namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>The light without hardware: remembers whether it is on, for <c>/health</c> and tests.</summary>
public sealed class SimulatedLight : ILightOutput
{
    private volatile bool _on;

    public bool IsOn => _on;

    public void Set(bool on) => _on = on;
}
