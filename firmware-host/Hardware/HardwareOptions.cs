using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>The call-a-human button and its status light (BCM pin numbers).</summary>
public sealed class HardwareOptions
{
    public const string Section = "Hardware";

    /// <summary>Null means: Simulated in the Development environment, Gpio everywhere else.</summary>
    public HardwareMode? Mode { get; set; }

    /// <summary>The libgpiod chip: 0 on a Raspberry Pi 4 (and on a Pi 5 with a current kernel).</summary>
    [Range(0, 15)]
    public int GpioChip { get; set; }

    [Range(0, 53)]
    public int ButtonPin { get; set; } = 17;

    /// <summary>The button pulls the pin to ground when pressed; the Pi's internal pull-up holds it high otherwise.</summary>
    public bool ButtonPullUp { get; set; } = true;

    [Range(0, 53)]
    public int LightPin { get; set; } = 27;

    /// <summary>Contact bounce shorter than this is ignored.</summary>
    [Range(0, 1000)]
    public int DebounceMilliseconds { get; set; } = 30;

    /// <summary>Holding the button this long while a call is open cancels it.</summary>
    [Range(1, 30)]
    public int HoldToCancelSeconds { get; set; } = 3;

    public HardwareMode EffectiveMode(bool isDevelopment) => Mode ?? (isDevelopment ? HardwareMode.Simulated : HardwareMode.Gpio);
}
