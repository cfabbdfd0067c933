namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// A token bucket per way in (HTTP, each MQTT lane topic): <see cref="PosOptions.MaxEventsPerSecond"/> on average,
/// <see cref="PosOptions.BurstEvents"/> at once. Checked before an event is read, so a flood costs a lock and a clock
/// read per event and never reaches the parser, the screen or the assistant.
/// </summary>
/// <remarks>Thread-safe. At most <see cref="MaxLanes"/> buckets: further keys share one, so a topic flood cannot grow memory.</remarks>
public sealed class PosRateLimiter(PosOptions options, TimeProvider time)
{
    public const int MaxLanes = 64;
    private const string Overflow = "(other)";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, long At)> _buckets = new(StringComparer.Ordinal);

    public bool TryTake(string lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            var key = _buckets.ContainsKey(lane) || _buckets.Count < MaxLanes - 1 ? lane : Overflow;
            var (tokens, at) = _buckets.TryGetValue(key, out var bucket) ? bucket : (options.BurstEvents, now);
            tokens = Math.Min(options.BurstEvents, tokens + (time.GetElapsedTime(at, now).TotalSeconds * options.MaxEventsPerSecond));
            var taken = tokens >= 1;
            _buckets[key] = (taken ? tokens - 1 : tokens, now);
            return taken;
        }
    }
}
