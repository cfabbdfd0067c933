namespace KioskAssist.Protocol.Broker;

/// <summary>
/// Lets a repeated log line through once per period and counts the ones it held back. A revoked kiosk's outbox retries
/// a refused publish every second: one warning a second would bury everything else in the journal, while the first
/// refusal and then one line a minute with a count say the same.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class RepeatGate(TimeProvider time, TimeSpan period)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastLogged;
    private int _held;

    /// <summary>
    /// True when this occurrence should be logged; <paramref name="heldBack"/> is then how many occurrences since the
    /// last logged one were not (0 for the first). False: counted, not to be logged.
    /// </summary>
    public bool ShouldLog(out int heldBack)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_lastLogged is { } last && now - last < period)
            {
                _held++;
                heldBack = 0;
                return false;
            }

            heldBack = _held;
            _held = 0;
            _lastLogged = now;
            return true;
        }
    }
}
