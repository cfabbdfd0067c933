namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>The light without hardware: switches nothing. What it would show is <see cref="StatusLight.Pattern"/>, on <c>/health</c>.</summary>
public sealed class SimulatedLight : ILightOutput
{
    public void Set(bool on)
    {
    }
}
