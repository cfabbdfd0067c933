namespace KioskAssist.Protocol.Messages;

/// <summary>
/// A signed abort of rollout <paramref name="RolloutId"/> for one kiosk, retained on <see cref="FleetTopics.Abort"/>.
/// A kiosk that has not applied the rollout never will (the operator also clears the retained command); one that
/// runs it goes back to the version it ran before. Signed like <see cref="RolloutMessage"/>.
/// </summary>
public sealed record RolloutAbortMessage(string RolloutId, string Site, string Kiosk, DateTimeOffset At, string? Signature) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(RolloutId, "rolloutId") ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? MessageRules.Signature(Signature);
}
