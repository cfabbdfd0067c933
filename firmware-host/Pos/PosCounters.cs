using System.Collections.Concurrent;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>What the POS link accepted and refused, by reason, for <c>/health</c>. Thread-safe.</summary>
public sealed class PosCounters
{
    private readonly ConcurrentDictionary<PosRejection, long> _rejected = new();
    private long _accepted;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => _rejected.Values.Sum();

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void CountRejected(PosRejection why) => _rejected.AddOrUpdate(why, 1, (_, n) => n + 1);

    /// <summary>Reason (snake_case, as on <c>/health</c>) → count, only reasons seen.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason() =>
        _rejected.ToDictionary(p => NameOf(p.Key), p => p.Value, StringComparer.Ordinal);

    public static string NameOf(PosRejection why) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(why.ToString());
}
