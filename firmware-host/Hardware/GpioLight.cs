using System.Device.Gpio;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>The light on a GPIO output pin (high = on). Owns the pin; the controller is shared and disposed by DI.</summary>
public sealed class GpioLight : ILightOutput, IDisposable
{
    private readonly GpioController _controller;
    private readonly int _pin;

    public GpioLight(GpioController controller, IOptions<HardwareOptions> options)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(options);
        (_controller, _pin) = (controller, options.Value.LightPin);
        _controller.OpenPin(_pin, PinMode.Output, PinValue.Low);
    }

    public void Set(bool on) => _controller.Write(_pin, on ? PinValue.High : PinValue.Low);

    public void Dispose()
    {
        if (_controller.IsPinOpen(_pin))
        {
            _controller.Write(_pin, PinValue.Low);
            _controller.ClosePin(_pin);
        }
    }
}
