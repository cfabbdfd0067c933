using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>Where the kiosk keeps what must survive a power cut (the outbox and the open help call).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SQLite file; relative paths are from the application folder. On a Pi: /var/lib/kioskassist/kiosk.db.</summary>
    [Required]
    public string Database { get; set; } = "data/kiosk.db";

    public string FullPath => Path.GetFullPath(Database, AppContext.BaseDirectory);
}
