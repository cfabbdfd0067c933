namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>Switches the button's light. Implementations are thin: GPIO, or a simulated lamp for development.</summary>
public interface ILightOutput
{
    void Set(bool on);
}
