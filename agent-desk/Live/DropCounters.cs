using System.Text.Json;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// How many broker messages were dropped, per <see cref="DropReason"/>, and how many were accepted, so that every
/// message read is accounted for (a valid presence that changes nothing is accepted, not lost). Thread-safe.
/// </summary>
public sealed class DropCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<DropReason>().Length];
    private long _accepted;

    /// <summary>Messages that passed every check and were applied, or were valid and changed nothing (a repeated presence).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void Count(DropReason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    public long this[DropReason reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Every reason with its count, keyed in snake_case as <c>/health</c> shows them.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<DropReason>().ToDictionary(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()), r => this[r]);
}
