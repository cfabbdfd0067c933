using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>What <c>kafleet rollout model|answers</c> was asked to do.</summary>
public sealed record RolloutRequest(RolloutKind Kind, string File, string To, string? Canary, string BrokerHost, int BrokerPort, TimeSpan Wait);
