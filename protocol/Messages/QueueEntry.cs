namespace KioskAssist.Protocol.Messages;

/// <summary>One open (unclaimed) request in the live queue.</summary>
public sealed record QueueEntry(string RequestId, string Site, string Kiosk, DateTimeOffset CreatedAt, bool Urgent);
