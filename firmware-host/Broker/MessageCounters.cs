using System.Text.Json;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>Counts of incoming network messages, by what became of them; shown on <c>/health</c>. Thread-safe.</summary>
public sealed class MessageCounters
{
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
    private long _accepted;

    /// <summary>Decoded, valid and acted on.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Every message not acted on, whatever the <see cref="DropReason"/>.</summary>
    public long Dropped => Enum.GetValues<DropReason>().Sum(reason => this[reason]);

    public long this[DropReason reason] => Interlocked.Read(ref _dropped[(int)reason]);

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void CountDropped(DropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    /// <summary>Every reason with its count, keyed in snake_case as <c>/health</c> shows them.</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason() =>
        Enum.GetValues<DropReason>().ToDictionary(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()), r => this[r]);
}
