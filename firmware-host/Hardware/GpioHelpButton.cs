using System.Device.Gpio;
using Iot.Device.Button;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>
/// The physical call button: Iot.Device.Bindings' <see cref="GpioButton"/> (debounce, press) turned into calls on
/// <see cref="HelpButtonHandler"/>. Reacts on the press edge (button down), not on release, so the call starts the
/// moment the shopper presses.
/// </summary>
/// <remarks>
/// Holding is judged by the pin's level, not by the library's hold timer: a switch that bounces as it closes raises
/// a release the library's timer takes as the end of the hold, so a held button would never cancel. Here, the hold
/// time after a press, if the pin still reads pressed and no newer press came, the shopper held it.
/// </remarks>
public sealed class GpioHelpButton(GpioController controller, HelpButtonHandler handler, IOptions<HardwareOptions> options, TimeProvider time)
    : IHostedService, IDisposable
{
    private GpioButton? _button;
    private int _pressGeneration;

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
            debounceTime: TimeSpan.FromMilliseconds(settings.DebounceMilliseconds));
        _button.ButtonDown += (_, _) => OnPressed(settings);
        return Task.CompletedTask;
    }

    private void OnPressed(HardwareOptions settings)
    {
        var generation = Interlocked.Increment(ref _pressGeneration);
        handler.Pressed(); // failures are logged inside; the GPIO thread never sees them
        var pressedLevel = settings.ButtonPullUp ? PinValue.Low : PinValue.High;
        _ = Task.Delay(TimeSpan.FromSeconds(settings.HoldToCancelSeconds), time).ContinueWith(
            _ =>
            {
                if (Volatile.Read(ref _pressGeneration) == generation && _button is not null && controller.Read(settings.ButtonPin) == pressedLevel)
                {
                    handler.Held();
                }
            },
            TaskScheduler.Default);
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
