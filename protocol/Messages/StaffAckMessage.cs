namespace KioskAssist.Protocol.Messages;

/// <summary>
/// A store-staff member's "I'm on my way" for one request, on <see cref="Topics.StaffAck"/>: published by a desk for a
/// signed-in staff member, QoS 1, not retained. The kiosk applies the first one to its active call and ignores the rest.
/// </summary>
public sealed record StaffAckMessage(
    string Id,
    string RequestId,
    string Site,
    string Kiosk,
    StaffRef Staff,
    DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(RequestId, "requestId")
        ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Staff is null ? "staff is missing" : MessageRules.Id(Staff.Id, "staff.id") ?? MessageRules.Text(Staff.Name, "staff.name", MessageRules.MaxNameLength));
}
