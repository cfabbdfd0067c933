namespace KioskAssist.Protocol.Messages;

/// <summary>
/// The shopper's one-tap rating of a call an agent resolved, on <see cref="Topics.Rating"/>: QoS 1 through the kiosk's
/// outbox, not retained. <see cref="Score"/>: 1 = not helped, 2 = okay, 3 = helped well. <see cref="Id"/> is unique
/// per rating, so a redelivered one is counted once.
/// </summary>
public sealed record HelpRatingMessage(
    string Id,
    string RequestId,
    string Site,
    string Kiosk,
    AgentRef? Agent,
    int Score,
    DateTimeOffset At) : IProtocolMessage
{
    public const int MinScore = 1;
    public const int MaxScore = 3;

    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(RequestId, "requestId")
        ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Agent is null ? null : MessageRules.Id(Agent.Id, "agent.id") ?? MessageRules.Text(Agent.Name, "agent.name", MessageRules.MaxNameLength))
        ?? (Score is >= MinScore and <= MaxScore ? null : $"score must be {MinScore} to {MaxScore}");
}
