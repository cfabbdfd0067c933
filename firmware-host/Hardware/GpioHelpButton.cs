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
    private readonly Lock _gate = new();
    private GpioButton? _button;
    private ITimer? _holdCheck; // the latest press's hold check; a newer press or stopping disposes it
    private bool _stopped;
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
        var pressedLevel = settings.ButtonPullUp ? PinValue.Low : PinValue.High;
        var check = time.CreateTimer(
            _ =>
            {
                if (Volatile.Read(ref _pressGeneration) == generation && _button is not null && controller.Read(settings.ButtonPin) == pressedLevel)
                {
                    handler.Held();
                }
            },
            null, TimeSpan.FromSeconds(settings.HoldToCancelSeconds), Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            (_holdCheck, check) = _stopped ? (_holdCheck, check) : (check, _holdCheck);
        }

        check?.Dispose(); // the older press's check, or this one when the button already stopped

        // After the hold check is set: whoever sees the press (a test on a fake clock too) knows the check is running.
        handler.Pressed(); // failures are logged inside; the GPIO thread never sees them
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _holdCheck?.Dispose();
            _holdCheck = null;
        }

        _button?.Dispose();
        _button = null;
    }
}
