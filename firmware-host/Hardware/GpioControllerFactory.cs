using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>
/// Opens the Pi's GPIO through libgpiod, chosen explicitly (not by the library's guess) and named in the log.
/// A machine without the chip stops the kiosk at start with the key to change.
/// </summary>
public static class GpioControllerFactory
{
    public static GpioController Create(HardwareOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chip = $"/dev/gpiochip{options.GpioChip}";
        if (!File.Exists(chip))
        {
            throw new OptionsValidationException(HardwareOptions.Section, typeof(HardwareOptions),
                [$"Hardware:Mode is Gpio but {chip} does not exist (Hardware:GpioChip={options.GpioChip}). On a development machine set Hardware:Mode=Simulated."]);
        }

        var controller = new GpioController(new LibGpiodDriver(options.GpioChip));
        Log.GpioDriverChosen(logger, "libgpiod", chip);
        return controller;
    }
}
