namespace KioskAssist.Protocol.Messages;

/// <summary>
/// One chat line as the kiosk accepted it, on <see cref="Topics.Chat"/>. The kiosk numbers lines in order
/// (<see cref="Sequence"/>, from 1); receivers sort by it and drop an <see cref="Id"/> they already have.
/// </summary>
/// <param name="From"><c>shopper</c> or <c>agent</c>.</param>
public sealed record ChatMessage(
    string Id,
    string RequestId,
    long Sequence,
    string From,
    string Text,
    DateTimeOffset At,
    AgentRef? Agent = null) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V)
        ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(RequestId, "requestId")
        ?? (Sequence < 1 ? "sequence must be positive" : null)
        ?? (From is "shopper" or "agent" ? null : "from must be shopper or agent")
        ?? MessageRules.Text(Text, "text", MessageRules.MaxTextLength)
        ?? (Agent is { } agent ? MessageRules.Id(agent.Id, "agent.id") ?? MessageRules.Text(agent.Name, "agent.name", MessageRules.MaxNameLength) : null);
}
