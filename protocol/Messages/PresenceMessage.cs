namespace KioskAssist.Protocol.Messages;

/// <summary>A kiosk's presence, retained on <see cref="Topics.Presence"/>; the Last Will publishes the offline one.</summary>
/// <param name="Status"><c>online</c> or <c>offline</c>.</param>
public sealed record PresenceMessage(string Site, string Kiosk, string Status, string Firmware, string Model, DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Status is "online" or "offline" ? null : "status must be online or offline");
}
