using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// The expected remaining wait of an open call, computed at <see cref="At"/>. Never stale: when the wait has eaten up
/// the expected total (less <see cref="MinRemainingSeconds"/>), the total is extended by one more expected wait from
/// the same source, so the screen never says "about 1 min" at 1:00 and counts on from a fresh figure instead.
/// </summary>
/// <param name="Seconds">Expected seconds still to wait, from <see cref="At"/>.</param>
/// <param name="Round">How many times the total was extended; a change means the screen needs the new figure.</param>
public sealed record HelpEstimate(double Seconds, DateTimeOffset At, EstimateSource Source, int Round)
{
    /// <summary>Below this the estimate is extended rather than counted down to nothing.</summary>
    public const double MinRemainingSeconds = 15;

    /// <summary>
    /// <paramref name="fallbackSeconds"/> is the kiosk's own figure (recent times to claim, or the configured default);
    /// the desks' queue replaces it when it has agents online and a median.
    /// </summary>
    public static HelpEstimate For(QueueMessage? queue, int? position, double fallbackSeconds, TimeSpan waited, DateTimeOffset now)
    {
        var (total, source) = queue switch
        {
            { AgentsOnline: 0 } => (fallbackSeconds, EstimateSource.NoAgents),
            { MedianSecondsToClaim: { } median } when position is { } place =>
                (Math.Max(1, median) * Math.Ceiling(place / (double)queue.AgentsOnline), EstimateSource.Queue),
            _ => (fallbackSeconds, EstimateSource.Default),
        };

        var elapsed = Math.Max(0, waited.TotalSeconds);
        var round = 0;
        var limit = total;
        while (limit - elapsed < MinRemainingSeconds && round < 10_000)
        {
            round++;
            limit += total;
        }

        return new HelpEstimate(Math.Round(limit - elapsed), now, source, round);
    }
}
