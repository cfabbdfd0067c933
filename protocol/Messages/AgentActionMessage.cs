namespace KioskAssist.Protocol.Messages;

/// <summary>
/// An agent's request to a kiosk, on <see cref="Topics.AgentAction"/>. The kiosk is the authority: it checks
/// each action against the request's state and answers by publishing the new <see cref="HelpRequestMessage"/>.
/// <see cref="Id"/> is unique per action, so a redelivered action is applied once.
/// </summary>
public sealed record AgentActionMessage : IProtocolMessage
{
    /// <summary>Outcome codes an agent may resolve with.</summary>
    public static readonly IReadOnlyList<string> Outcomes = ["answered", "staff_sent", "payment_fixed", "referred_to_desk", "no_response", "other"];

    public int V { get; init; } = ProtocolVersion.Current;

    public required string Id { get; init; }

    public required string RequestId { get; init; }

    public required AgentActionType Type { get; init; }

    public required AgentRef Agent { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? Text { get; init; }

    public string? Outcome { get; init; }

    public string? Validate() =>
        MessageRules.Version(V)
        ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(RequestId, "requestId")
        ?? MessageRules.Id(Agent?.Id, "agent.id") ?? MessageRules.Text(Agent?.Name, "agent.name", MessageRules.MaxNameLength)
        ?? (Type == AgentActionType.Chat ? MessageRules.Text(Text, "text", MessageRules.MaxTextLength) : null)
        ?? (Type == AgentActionType.Resolve && !Outcomes.Contains(Outcome) ? $"outcome must be one of {string.Join(", ", Outcomes)}" : null);
}
