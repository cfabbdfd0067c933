using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>The counts of <see cref="KioskMetrics"/> at one moment; the kiosk's identity and versions are added when it is published.</summary>
/// <param name="Day">The UTC day <paramref name="Today"/> covers.</param>
/// <param name="MedianSecondsToClaimToday">Over the day's claims; null before the first.</param>
/// <param name="RatingsSinceStart">Shoppers' ratings of resolved calls since the kiosk started.</param>
/// <param name="RatingsToday">Shoppers' ratings on <paramref name="Day"/>.</param>
public sealed record MetricsSnapshot(
    DateTimeOffset At, DateTimeOffset StartedAt, MetricsCounts SinceStart, DateOnly Day, MetricsCounts Today, double? MedianSecondsToClaimToday,
    RatingCounts? RatingsSinceStart = null, RatingCounts? RatingsToday = null)
{
    /// <summary>Whole seconds since the kiosk started.</summary>
    public long UptimeSeconds => (long)Math.Max(0, (At - StartedAt).TotalSeconds);
}
