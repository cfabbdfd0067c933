using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>The point-of-sale link (docs/pos.md): the catalogue of what to say, and the limits on what the POS may send.</summary>
public sealed class PosOptions
{
    public const string Section = "Pos";

    /// <summary>The store-edited catalogue of event → message, light and action (relative to the application folder).</summary>
    [Required]
    public string CatalogueFile { get; set; } = "answers/pos-events.json";

    /// <summary>The same event (type and reason code) is not shown again within this many seconds.</summary>
    [Range(0, 3600)]
    public int RepeatWindowSeconds { get; set; } = 30;

    /// <summary>A question this soon after an event is answered in its light (if the catalogue says which questions).</summary>
    [Range(5, 3600)]
    public int ContextSeconds { get; set; } = 180;

    /// <summary>Largest event accepted, in bytes; larger ones are dropped unread.</summary>
    [Range(256, 65536)]
    public int MaxEventBytes { get; set; } = 4096;

    /// <summary>Events per second one lane may send on average; a lane sends a few a second at most.</summary>
    [Range(1, 1000)]
    public int MaxEventsPerSecond { get; set; } = 20;

    /// <summary>Events a lane may send at once above the average (a basket scanned fast).</summary>
    [Range(1, 1000)]
    public int BurstEvents { get; set; } = 40;
}
