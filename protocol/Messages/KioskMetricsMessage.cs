namespace KioskAssist.Protocol.Messages;

/// <summary>
/// A kiosk's counts and versions for the fleet operator, retained on <see cref="Topics.Metrics"/>. Published at
/// every connect and every <c>Fleet:MetricsIntervalSeconds</c>; each message replaces the last, so it carries totals,
/// not increments. Counts live in memory: they start again from zero when the kiosk restarts.
/// </summary>
/// <param name="At">When the kiosk made this message.</param>
/// <param name="StartedAt">When the kiosk process started.</param>
/// <param name="UptimeSeconds">Whole seconds from <paramref name="StartedAt"/> to <paramref name="At"/>.</param>
/// <param name="Day">The UTC day <paramref name="Today"/> covers (from midnight UTC, or from the start if later).</param>
/// <param name="MedianSecondsToClaimToday">Median time from a request becoming open to its claim, over the day's claims; null before the first.</param>
public sealed record KioskMetricsMessage(
    string Site,
    string Kiosk,
    DateTimeOffset At,
    DateTimeOffset StartedAt,
    long UptimeSeconds,
    string Firmware,
    string Model,
    string Answers,
    MetricsCounts SinceStart,
    DateOnly Day,
    MetricsCounts Today,
    double? MedianSecondsToClaimToday) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    /// <summary>Shoppers' ratings since the kiosk started; optional (older kiosks omit it).</summary>
    public RatingCounts? RatingsSinceStart { get; init; }

    /// <summary>Shoppers' ratings on <see cref="Day"/>; optional, and present only with <see cref="RatingsSinceStart"/>.</summary>
    public RatingCounts? RatingsToday { get; init; }

    /// <summary>Outbox backlog, drops by reason and free disk; optional (older kiosks omit it).</summary>
    public KioskHealth? Health { get; init; }

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? MessageRules.Text(Firmware, "firmware", MessageRules.MaxNameLength)
        ?? MessageRules.Text(Model, "model", MessageRules.MaxNameLength)
        ?? MessageRules.Text(Answers, "answers", MessageRules.MaxNameLength)
        ?? (StartedAt <= At ? null : "startedAt is after at")
        ?? (UptimeSeconds >= 0 ? null : "uptimeSeconds is negative")
        ?? (SinceStart is null ? "sinceStart is missing" : SinceStart.Validate("sinceStart"))
        ?? (Today is null ? "today is missing" : Today.Validate("today"))
        ?? (Today!.FitsWithin(SinceStart!) ? null : "today counts more than sinceStart") // both checked for null above
        ?? (MedianSecondsToClaimToday is null or (>= 0 and < double.PositiveInfinity) ? null : "medianSecondsToClaimToday is not a duration")
        ?? (MedianSecondsToClaimToday is null || Today.HandedToPerson > 0 ? null : "medianSecondsToClaimToday without a claim today")
        ?? (RatingsToday is not null && RatingsSinceStart is null ? "ratingsToday without ratingsSinceStart" : null)
        ?? RatingsSinceStart?.Validate("ratingsSinceStart") ?? RatingsToday?.Validate("ratingsToday")
        ?? (RatingsToday is null || RatingsToday.FitsWithin(RatingsSinceStart!) ? null : "ratingsToday counts more than ratingsSinceStart")
        ?? Health?.Validate();
}
