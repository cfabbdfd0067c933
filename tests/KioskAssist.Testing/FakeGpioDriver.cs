using System.Collections.Concurrent;
using System.Device.Gpio;

namespace KioskAssist.Testing;

/// <summary>
/// A GPIO driver with no hardware behind it: tests drive <see cref="GpioController"/> through it, raise edges on
/// input pins, and read what was written to output pins (with a history, to see blinking).
/// </summary>
public sealed class FakeGpioDriver : GpioDriver
{
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();
    private readonly ConcurrentDictionary<int, PinValue> _values = new();
    private readonly ConcurrentDictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = new();

    /// <summary>Every write, in order.</summary>
    public ConcurrentQueue<(int Pin, PinValue Value, DateTime At)> Writes { get; } = new();

    protected override int PinCount => 54;

    /// <summary>Sets an input pin's level and raises the matching edge to registered callbacks (as the GPIO event thread would).</summary>
    public void Drive(int pin, PinValue value)
    {
        var previous = _values.GetOrAdd(pin, PinValue.High);
        _values[pin] = value;
        if (previous == value)
        {
            return;
        }

        var edge = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        if (_callbacks.TryGetValue(pin, out var handlers))
        {
            foreach (var (types, handler) in handlers.ToArray())
            {
                if ((types & edge) != 0)
                {
                    handler(this, new PinValueChangedEventArgs(edge, pin));
                }
            }
        }
    }

    public PinValue ValueOf(int pin) => _values.GetValueOrDefault(pin, PinValue.Low);

    public PinMode ModeOf(int pin) => _modes.GetValueOrDefault(pin);

    protected override void OpenPin(int pinNumber) => _modes.TryAdd(pinNumber, PinMode.Input);

    protected override void ClosePin(int pinNumber) => _modes.TryRemove(pinNumber, out _);

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.InputPullUp)
        {
            _values.TryAdd(pinNumber, PinValue.High);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.GetValueOrDefault(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => _values.GetValueOrDefault(pinNumber, PinValue.High);

    protected override void Write(int pinNumber, PinValue value)
    {
        _values[pinNumber] = value;
        Writes.Enqueue((pinNumber, value, DateTime.UtcNow));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The kiosk uses callbacks, not blocking waits.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _callbacks.GetOrAdd(pinNumber, _ => []).Add((eventTypes, callback));

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        if (_callbacks.TryGetValue(pinNumber, out var handlers))
        {
            handlers.RemoveAll(h => h.Handler == callback);
        }
    }
}
