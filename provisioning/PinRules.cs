using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.SelfTest;

namespace KioskAssist.Provisioning;

/// <summary>
/// The kiosk self-test's pin rules (on the 40-pin header, not the same pin for button and light), checked when a
/// bundle is made, so a bundle the Pi would fail is never written. It runs the self-test's own <see cref="GpioCheck"/>
/// in simulated mode, which checks the numbers and opens nothing.
/// </summary>
public static class PinRules
{
    /// <exception cref="FleetException">The pins break a rule; the message says which, as the self-test would.</exception>
    public static void Check(int buttonPin, int lightPin, bool buttonPullUp)
    {
        var check = GpioCheck.Run(
            new HardwareOptions { ButtonPin = buttonPin, LightPin = lightPin, ButtonPullUp = buttonPullUp }, HardwareMode.Simulated, new LinuxGpioSystem());
        if (!check.Passed)
        {
            throw new FleetException($"the kiosk's self-test would fail these pins: {check.Detail} (--button-pin/--light-pin).");
        }
    }
}
