using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>Where the kiosk keeps what must survive a power cut (the outbox and the open help call).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SQLite file; relative paths are from the application folder. On a Pi: /var/lib/kioskassist/kiosk.db.</summary>
    [Required]
    public string Database { get; set; } = "data/kiosk.db";

    /// <summary>
    /// Hours a finished help call (its request, transcript and chat) and the delivered messages that carried it stay in
    /// the SQLite file after everything about it was delivered; then they are deleted with <c>secure_delete</c>
    /// (docs/privacy.md). Also the MQTT 5 message expiry of what the kiosk publishes through its outbox.
    /// </summary>
    [Range(0.01, 720)]
    public double FinishedCallRetentionHours { get; set; } = 24;

    public TimeSpan FinishedCallRetention => TimeSpan.FromHours(FinishedCallRetentionHours);

    public string FullPath => Path.GetFullPath(Database, AppContext.BaseDirectory);
}
