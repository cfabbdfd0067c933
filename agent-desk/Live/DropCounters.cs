using System.Text.Json;

namespace KioskAssist.AgentDesk.Live;

/// <summary>How many broker messages were dropped, per <see cref="DropReason"/>. Thread-safe.</summary>
public sealed class DropCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<DropReason>().Length];

    public void Count(DropReason reason) => Interlocked.Increment(ref _counts[(int)reason]);

    public long this[DropReason reason] => Interlocked.Read(ref _counts[(int)reason]);

    /// <summary>Every reason with its count, keyed in snake_case as <c>/health</c> shows them.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<DropReason>().ToDictionary(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()), r => this[r]);
}
