using System.Buffers;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// The one way a POS event comes in, whatever carried it (HTTP on loopback, MQTT): size, rate, then
/// <see cref="PosEventReader"/>, then duplicates; what passes goes to the <see cref="CheckoutTracker"/>, what fails is
/// logged by reason (never with its content) and counted on <c>/health</c>. Never throws for what a POS sends.
/// </summary>
/// <remarks>Thread-safe. A flood is dropped by the rate limiter before any parsing, and its log is one line a second.</remarks>
public sealed class PosIntake(
    PosEventReader reader, PosRateLimiter limiter, PosCounters counters, CheckoutTracker tracker, IOptions<PosOptions> options, TimeProvider time,
    ILogger<PosIntake> logger)
{
    /// <summary>Ids remembered to drop a redelivered event (MQTT is at least once).</summary>
    public const int RememberedIds = 512;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private long _limitedSinceReport;
    private long _lastReport;

    /// <summary>An MQTT payload: an oversized one is refused before it is copied.</summary>
    public PosReadResult Receive(ReadOnlySequence<byte> payload, string way) =>
        payload.Length > options.Value.MaxEventBytes
            ? Refuse(way, PosRejection.TooLarge, $"larger than {options.Value.MaxEventBytes} bytes (Pos:MaxEventBytes)")
            : Receive(payload.ToArray(), way);

    /// <summary>Reads and applies one event; <paramref name="way"/> names where it came from (the rate limit is per way in).</summary>
    public PosReadResult Receive(ReadOnlyMemory<byte> body, string way)
    {
        ArgumentNullException.ThrowIfNull(way);
        if (body.Length > options.Value.MaxEventBytes)
        {
            return Refuse(way, PosRejection.TooLarge, $"larger than {options.Value.MaxEventBytes} bytes (Pos:MaxEventBytes)");
        }

        if (!limiter.TryTake(way))
        {
            counters.CountRejected(PosRejection.RateLimited);
            ReportRateLimited(way);
            return PosReadResult.Refused(PosRejection.RateLimited, $"more than {options.Value.MaxEventsPerSecond} events a second (Pos:MaxEventsPerSecond)");
        }

        var read = reader.Read(body);
        if (read.Event is not { } e)
        {
            return Refuse(way, read.Rejection!.Value, read.Problem!);
        }

        if (!FirstTime(e.Id))
        {
            counters.CountRejected(PosRejection.Duplicate);
            return PosReadResult.Refused(PosRejection.Duplicate, "this id was already received");
        }

        counters.CountAccepted();
        tracker.Apply(e);
        return read;
    }

    private PosReadResult Refuse(string way, PosRejection why, string problem)
    {
        counters.CountRejected(why);
        Log.PosEventRejected(logger, way, PosCounters.NameOf(why), problem);
        return PosReadResult.Refused(why, problem);
    }

    private bool FirstTime(string id)
    {
        lock (_gate)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _seenOrder.Enqueue(id);
            if (_seenOrder.Count > RememberedIds)
            {
                _seen.Remove(_seenOrder.Dequeue());
            }

            return true;
        }
    }

    private void ReportRateLimited(string way)
    {
        Interlocked.Increment(ref _limitedSinceReport);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReport);
        if ((last == 0 || time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(1)) && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            Log.PosEventsRateLimited(logger, way, Interlocked.Exchange(ref _limitedSinceReport, 0));
        }
    }
}
