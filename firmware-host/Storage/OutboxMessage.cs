namespace KioskAssist.FirmwareHost.Storage;

/// <summary>A message waiting in the outbox (or just written to it). An empty payload clears a retained topic.</summary>
public sealed record OutboxMessage(string Topic, byte[] Payload, bool Retain, long Id = 0);
