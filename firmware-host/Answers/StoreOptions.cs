using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>
/// This store's facts, which fill the placeholders in answers ("{ReturnWindowDays}", "{ServiceDeskLocation}"…).
/// Facts are per language because a location reads differently in each.
/// </summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Fills <c>{StoreName}</c> in every language.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Language → fact name → text.</summary>
    public Dictionary<string, Dictionary<string, string>> Facts { get; set; } = [];
}
