namespace KioskAssist.FirmwareHost.Broker;

/// <summary>Counts of incoming network messages, by what became of them; shown on <c>/health</c>. Thread-safe.</summary>
public sealed class MessageCounters
{
    private long _accepted;
    private long _dropped;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Malformed, oversized, unknown version, wrong topic: logged and dropped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void CountAccepted() => Interlocked.Increment(ref _accepted);

    public void CountDropped() => Interlocked.Increment(ref _dropped);
}
