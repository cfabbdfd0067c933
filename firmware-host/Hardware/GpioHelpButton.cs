using System.Device.Gpio;
using Iot.Device.Button;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>
/// The physical call button: Iot.Device.Bindings' <see cref="GpioButton"/> (debounce, press, hold) turned into
/// calls on <see cref="HelpButtonHandler"/>. Reacts on the press edge (button down), not on release, so the
/// call starts the moment the shopper presses.
/// </summary>
public sealed class GpioHelpButton(GpioController controller, HelpButtonHandler handler, IOptions<HardwareOptions> options) : IHostedService, IDisposable
{
    private GpioButton? _button;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _button = new GpioButton(
            settings.ButtonPin,
            doublePress: TimeSpan.FromSeconds(1),
            holding: TimeSpan.FromSeconds(settings.HoldToCancelSeconds),
            isPullUp: settings.ButtonPullUp,
            hasExternalResistor: false,
            gpio: controller,
            shouldDispose: false,
            debounceTime: TimeSpan.FromMilliseconds(settings.DebounceMilliseconds))
        {
            IsHoldingEnabled = true,
        };
        _button.ButtonDown += (_, _) => handler.Pressed(); // failures are logged inside; the GPIO thread never sees them
        _button.Holding += (_, e) =>
        {
            if (e.HoldingState == ButtonHoldingState.Started)
            {
                handler.Held();
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _button?.Dispose();
        _button = null;
    }
}
