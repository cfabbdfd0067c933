namespace KioskAssist.Protocol.Messages;

/// <summary>A member of the store's own staff: an id for the system, a display name for the shopper's screen.</summary>
public sealed record StaffRef(string Id, string Name);
