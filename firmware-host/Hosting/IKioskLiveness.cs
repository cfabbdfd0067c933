namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Whether the kiosk is still doing its work, for the watchdog. Called from the watchdog's loop only.</summary>
public interface IKioskLiveness
{
    /// <summary>Null when alive; otherwise what has stopped, for the log.</summary>
    string? Problem();
}
