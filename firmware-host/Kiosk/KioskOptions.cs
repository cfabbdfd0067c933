using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Kiosk;

/// <summary>Who this kiosk is: its store (site) and its own id, as the fleet provisioned it.</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosk";

    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Site { get; set; } = string.Empty;

    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The firmware version reported in presence: this build's informational version.</summary>
    public static string Firmware { get; } =
        typeof(KioskOptions).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
