namespace KioskAssist.Protocol.Messages;

/// <summary>
/// The shopper is typing in a call's chat, on <see cref="Topics.Typing"/>: QoS 0, not retained, at most one per 3 s
/// per kiosk. It carries no text at all: what the shopper types travels only when they press Send.
/// </summary>
public sealed record ShopperTypingMessage(string RequestId, DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() => MessageRules.Version(V) ?? MessageRules.Id(RequestId, "requestId");
}
