using System.Runtime.InteropServices;

namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>The real answers: the device file and the native library of this machine.</summary>
public sealed class LinuxGpioSystem : IGpioSystem
{
    public bool ChipExists(string path) => File.Exists(path);

    public string? ChipAccessProblem(string path)
    {
        try
        {
            // Opening the character device claims no line, so this is safe while the kiosk runs.
            using var chip = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e.Message;
        }
    }

    public bool LibraryLoads(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
