namespace KioskAssist.Protocol.Messages;

/// <summary>A kiosk's presence, retained on <see cref="Topics.Presence"/>; the Last Will publishes the offline one.</summary>
/// <param name="Status"><c>online</c> or <c>offline</c>.</param>
/// <param name="At">When this message was made. The Last Will is made when the kiosk starts, so for an offline
/// message from the broker this is not when the kiosk went away.</param>
public sealed record PresenceMessage(string Site, string Kiosk, string Status, string Firmware, string Model, DateTimeOffset At) : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    /// <summary>The answer catalog's version. Optional: kiosks built before the fleet tools do not send it.</summary>
    public string? Answers { get; init; }

    /// <summary>
    /// Online messages only: when this connection began. Kept when the message is published again on the same
    /// connection (a new model, say), so "online since" survives republishing.
    /// </summary>
    public DateTimeOffset? OnlineSince { get; init; }

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Status is "online" or "offline" ? null : "status must be online or offline")
        ?? (Answers is null ? null : MessageRules.Text(Answers, "answers", MessageRules.MaxNameLength))
        ?? (OnlineSince is null || Status == "online" ? null : "onlineSince is only for online")
        ?? (OnlineSince is not { } since || since <= At ? null : "onlineSince is after at");
}
