namespace KioskAssist.Protocol.Messages;

/// <summary>Tells the store's own staff that a shopper has waited too long, on <see cref="Topics.Staff"/>.</summary>
public sealed record StaffAlertMessage(
    string Id,
    string RequestId,
    string Site,
    string Kiosk,
    HelpReason Reason,
    int WaitedSeconds,
    DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(RequestId, "requestId")
        ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk");
}
