namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>Where the call button and the light are.</summary>
public enum HardwareMode
{
    /// <summary>Real pins through libgpiod (a Raspberry Pi).</summary>
    Gpio,

    /// <summary>No pins: the button is pressed from a developer endpoint and the light is only reported.</summary>
    Simulated,
}
