namespace KioskAssist.Protocol.Broker;

/// <summary>The retained message the broker publishes for a client that vanishes without saying goodbye.</summary>
public sealed record LastWill(string Topic, byte[] Payload);
