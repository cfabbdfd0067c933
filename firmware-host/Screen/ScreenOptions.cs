using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>The touchscreen page: where it is served, which languages it speaks, when it forgets the shopper.</summary>
public sealed class ScreenOptions
{
    public const string Section = "Screen";

    /// <summary>Must be a loopback address: the page is for the kiosk's own browser, never the store network.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5080;

    /// <summary>Seconds without a touch after which the conversation is cleared from the screen.</summary>
    [Range(10, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 90;

    /// <summary>Languages offered on the switch, in order; answers must exist in each. (No default: configuration binding appends to one.)</summary>
    [MinLength(1)]
    public string[] Languages { get; set; } = [];

    [Required]
    public string DefaultLanguage { get; set; } = "en";

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);
}
