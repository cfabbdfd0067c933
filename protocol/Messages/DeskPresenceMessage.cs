namespace KioskAssist.Protocol.Messages;

/// <summary>An agent desk's presence, retained on <see cref="Topics.DeskPresence"/>: how many agents are signed in there.</summary>
public sealed record DeskPresenceMessage(string Desk, string Status, int AgentsOnline, DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Desk, "desk")
        ?? (Status is "online" or "offline" ? null : "status must be online or offline")
        ?? (AgentsOnline < 0 ? "agentsOnline must not be negative" : null);
}
