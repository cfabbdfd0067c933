namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>What the self-test asks the OS about GPIO, without opening a pin (the running kiosk may hold them).</summary>
public interface IGpioSystem
{
    bool ChipExists(string path);

    /// <summary>Null when the chip's device file opens for reading and writing as this user; otherwise why not.</summary>
    string? ChipAccessProblem(string path);

    /// <summary>True when the native library loads (libgpiod, which the GPIO driver calls).</summary>
    bool LibraryLoads(string name);
}
