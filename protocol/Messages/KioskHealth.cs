namespace KioskAssist.Protocol.Messages;

/// <summary>
/// What an operator needs to trust a kiosk's link and disk, carried in <see cref="KioskMetricsMessage.Health"/>:
/// messages waiting in its outbox, messages it dropped by reason (since start), and free space where its database lives.
/// </summary>
/// <param name="OutboxBacklog">Messages saved (or held unsaved) and not yet taken by the broker.</param>
/// <param name="DroppedByReason">Incoming messages dropped since start, by reason in snake_case (<c>malformed</c>, <c>refused</c>, …).</param>
/// <param name="DiskFreeBytes">Free bytes on the database's file system; null when it cannot be read.</param>
public sealed record KioskHealth(int OutboxBacklog, IReadOnlyDictionary<string, long> DroppedByReason, long? DiskFreeBytes)
{
    /// <summary>At most this many reasons: the kiosk has a handful; more is a hostile payload.</summary>
    public const int MaxReasons = 32;

    public string? Validate() =>
        OutboxBacklog < 0 ? "health.outboxBacklog is negative"
        : DroppedByReason is null ? "health.droppedByReason is missing"
        : DroppedByReason.Count > MaxReasons ? $"health.droppedByReason has more than {MaxReasons} reasons"
        : DroppedByReason.Any(pair => pair.Value < 0 || !Ids.IsValid(pair.Key)) ? "health.droppedByReason has a bad reason or a negative count"
        : DiskFreeBytes is < 0 ? "health.diskFreeBytes is negative"
        : null;

    /// <summary>Every drop, whatever its reason.</summary>
    public long Dropped => DroppedByReason?.Values.Sum() ?? 0;
}
