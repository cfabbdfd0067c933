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

    /// <summary>The reason to count for a payload that did not decode.</summary>
    public static DropReason ReasonFor(KioskAssist.Protocol.DecodeFailure failure) => failure switch
    {
        KioskAssist.Protocol.DecodeFailure.Oversized => DropReason.Oversized,
        KioskAssist.Protocol.DecodeFailure.UnsupportedVersion => DropReason.UnsupportedVersion,
        _ => DropReason.Malformed,
    };

    /// <summary>Every reason with its count, keyed in snake_case as <c>/health</c> shows them.</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason() =>
        Enum.GetValues<DropReason>().ToDictionary(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()), r => this[r]);
}
