namespace KioskAssist.Protocol.Messages;

/// <summary>
/// What a kiosk did with a rollout, retained on <see cref="FleetTopics.RolloutReport"/> (the latest outcome per kiosk).
/// </summary>
/// <param name="RolloutId">The rollout (or aborted rollout) this is about; <c>startup</c> for a rollback at start.</param>
/// <param name="Version">The version the rollout offered.</param>
/// <param name="Active">The version of <paramref name="Kind"/> the kiosk runs now.</param>
/// <param name="Reason">Why, for refused and rolled back; plain text for the operator.</param>
public sealed record RolloutReportMessage(
    string RolloutId,
    string Site,
    string Kiosk,
    RolloutKind Kind,
    RolloutOutcome Outcome,
    string Version,
    string Active,
    string? Reason,
    DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(RolloutId, "rolloutId") ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Enum.IsDefined(Kind) ? null : "kind is not model or answers")
        ?? (Enum.IsDefined(Outcome) ? null : "outcome is unknown")
        ?? (Version.Length <= 64 && Active.Length <= 64 ? null : "version is longer than 64 characters")
        ?? (Reason is null || Reason.Length <= MessageRules.MaxTextLength ? null : "reason is too long");
}
