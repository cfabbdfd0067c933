using System.Globalization;
using KioskAssist.FirmwareHost.Hardware;

namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>
/// Checks the call button's and light's pins before anyone wires them: each on the 40-pin header, not the same pin,
/// and — in Gpio mode — which driver and chip the kiosk would open. A missing chip is reported, not failed: the same
/// build is checked off the Pi (in CI, under emulation), where there is none.
/// </summary>
public static class GpioCheck
{
    /// <summary>The library <c>LibGpiodDriver</c> (System.Device.Gpio, libgpiod v1 API) loads; Debian's package libgpiod2.</summary>
    public const string Library = "libgpiod.so.2";

    public static SelfTestCheck Run(HardwareOptions options, HardwareMode mode, IGpioSystem system)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(system);
        var problems = new List<string>();
        var button = Describe("button", "Hardware:ButtonPin", options.ButtonPin, problems);
        var light = Describe("light", "Hardware:LightPin", options.LightPin, problems);
        if (options.ButtonPin == options.LightPin)
        {
            problems.Add($"Hardware:ButtonPin and Hardware:LightPin are both GPIO {options.ButtonPin}: the button and the light need a pin each");
        }

        var pins = $"{button}{(options.ButtonPullUp ? " to GND, pull-up" : ", pull-down")}, {light}";
        if (mode == HardwareMode.Simulated)
        {
            return Result(problems, $"{pins}; Hardware:Mode=Simulated: no pin is opened and the physical button does nothing");
        }

        var chip = string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{options.GpioChip}");
        var library = system.LibraryLoads(Library) ? $"{Library} found" : $"{Library} missing (apt install libgpiod2)";
        if (!system.ChipExists(chip))
        {
            return Result(problems,
                $"{pins}; Gpio mode, driver libgpiod on {chip}: {chip} is not on this machine (expected off a Pi; the kiosk would refuse to start here); {library}");
        }

        if (system.ChipAccessProblem(chip) is { } denied)
        {
            problems.Add($"{chip} cannot be opened as user {Environment.UserName} ({denied}): the service user needs the gpio group");
        }

        if (!system.LibraryLoads(Library))
        {
            problems.Add($"{Library} is missing: apt install libgpiod2");
        }

        return Result(problems, $"{pins}; Gpio mode, driver libgpiod on {chip}: present; {library}");
    }

    private static string Describe(string part, string key, int bcm, List<string> problems)
    {
        if (HeaderPins.PhysicalPin(bcm) is { } physical)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{part} GPIO {bcm} (header pin {physical})");
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {bcm} is not a GPIO on the 40-pin header (BCM 0–27)"));
        return string.Create(CultureInfo.InvariantCulture, $"{part} GPIO {bcm}");
    }

    private static SelfTestCheck Result(List<string> problems, string detail) =>
        problems.Count == 0 ? new SelfTestCheck("gpio", true, detail) : new SelfTestCheck("gpio", false, string.Join("; ", problems));
}
