using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>What the kiosk reports to the fleet operator. Bound from the <c>Fleet</c> section.</summary>
public sealed class FleetOptions
{
    public const string Section = "Fleet";

    /// <summary>Seconds between metrics messages (also sent at every connect). Each is small and retained, so a minute costs nothing.</summary>
    [Range(1, 3600)]
    public int MetricsIntervalSeconds { get; set; } = 60;
}
