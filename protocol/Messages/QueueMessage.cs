namespace KioskAssist.Protocol.Messages;

/// <summary>
/// The live queue as agent desks see it, retained on <see cref="Topics.Queue"/>: open requests oldest first,
/// agents signed in, and the median time recent requests waited for a claim. Kiosks derive their place in
/// the queue and an estimate from it.
/// </summary>
public sealed record QueueMessage(
    DateTimeOffset At,
    IReadOnlyList<QueueEntry> Open,
    int AgentsOnline,
    double? MedianSecondsToClaim = null) : IProtocolMessage
{
    /// <summary>
    /// Longest median wait a kiosk believes (a day): requests expire long before, so more is a broken or hostile desk,
    /// and estimates built on it would be nonsense (or overflow to infinity).
    /// </summary>
    public const double MaxSecondsToClaim = 86_400;

    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V)
        ?? (Open is null || Open.Any(entry => entry is null) ? "open is malformed" : null)
        ?? (AgentsOnline < 0 ? "agentsOnline must not be negative" : null)
        ?? (MedianSecondsToClaim is < 0 or > MaxSecondsToClaim ? $"medianSecondsToClaim must be 0–{MaxSecondsToClaim}" : null)
        ?? Open!.Select(e => MessageRules.Id(e.RequestId, "open.requestId")).FirstOrDefault(e => e is not null);
}
