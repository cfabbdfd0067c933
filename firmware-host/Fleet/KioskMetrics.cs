using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Counts what the fleet operator wants to know: questions the model answered and rejected, calls for a person, calls
/// handed to one, and how long each waited for its claim. Since start and per UTC day; the day rolls over at midnight
/// UTC (or whenever the clock says another day, also backwards). In memory only: a restart starts from zero.
/// </summary>
/// <remarks>
/// The assistant and the help call call it; it knows neither. Thread-safe (one lock); every call is O(1) except
/// <see cref="Snapshot"/>, which sorts the day's claim times.
/// </remarks>
public sealed class KioskMetrics
{
    /// <summary>Claim times kept per day for the median; a kiosk sees far fewer, the cap only bounds memory.</summary>
    public const int MaxClaimsPerDay = 10_000;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Tally _sinceStart = new();
    private readonly List<double> _claimSecondsToday = [];
    private Tally _today = new();
    private RatingCounts _ratingsSinceStart = RatingCounts.Zero;
    private RatingCounts _ratingsToday = RatingCounts.Zero;
    private DateOnly _day;

    public KioskMetrics(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        StartedAt = time.GetUtcNow();
        _day = DayOf(StartedAt);
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>A typed question the model answered.</summary>
    public void QuestionAnswered() => Count(tally => tally.Answered++);

    /// <summary>A typed question the model was unsure of.</summary>
    public void QuestionRejected() => Count(tally => tally.Rejected++);

    /// <summary>A call for a person started.</summary>
    public void HelpRequested() => Count(tally => tally.HelpRequested++);

    /// <summary>An agent's claim was accepted after the request had been open for <paramref name="waited"/>.</summary>
    public void HandedToPerson(TimeSpan waited)
    {
        lock (_gate)
        {
            RollOver();
            _sinceStart.HandedToPerson++;
            _today.HandedToPerson++;
            if (_claimSecondsToday.Count < MaxClaimsPerDay)
            {
                _claimSecondsToday.Add(Math.Max(0, waited.TotalSeconds));
            }
        }
    }

    /// <summary>A shopper rated a resolved call (1 = not helped, 2 = okay, 3 = helped well).</summary>
    public void Rated(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, HelpRatingMessage.MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, HelpRatingMessage.MaxScore);
        lock (_gate)
        {
            RollOver();
            _ratingsSinceStart = _ratingsSinceStart.Add(score);
            _ratingsToday = _ratingsToday.Add(score);
        }
    }

    public MetricsSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = RollOver();
            return new MetricsSnapshot(now, StartedAt, _sinceStart.Counts(), _day, _today.Counts(), Median(_claimSecondsToday), _ratingsSinceStart, _ratingsToday);
        }
    }

    /// <summary>The median of the values (the mean of the middle two for an even count); null when there are none.</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private void Count(Action<Tally> increment)
    {
        lock (_gate)
        {
            RollOver();
            increment(_sinceStart);
            increment(_today);
        }
    }

    /// <summary>Starts a new day's tally when the clock has moved to another UTC day. Call under the lock; returns now.</summary>
    private DateTimeOffset RollOver()
    {
        var now = _time.GetUtcNow();
        var day = DayOf(now);
        if (day != _day)
        {
            _day = day;
            _today = new Tally();
            _ratingsToday = RatingCounts.Zero;
            _claimSecondsToday.Clear();
        }

        return now;
    }

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    private sealed class Tally
    {
        public int Answered;
        public int Rejected;
        public int HelpRequested;
        public int HandedToPerson;

        public MetricsCounts Counts() => new(Answered, Rejected, HelpRequested, HandedToPerson);
    }
}
