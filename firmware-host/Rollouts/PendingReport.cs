using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>An outcome to report once the broker is reachable (e.g. a rollback at start, before the link connected).</summary>
public sealed record PendingReport(string RolloutId, RolloutKind Kind, RolloutOutcome Outcome, string Version, string? Reason);
