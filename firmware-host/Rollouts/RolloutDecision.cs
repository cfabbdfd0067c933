using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>What became of a rollout or an abort on this kiosk, and why (for the report and the log).</summary>
public sealed record RolloutDecision(RolloutOutcome Outcome, string Reason);
