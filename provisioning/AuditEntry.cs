namespace KioskAssist.Provisioning;

/// <summary>One kafleet command in the audit log: who ran it, what, when, with which arguments (never a secret) and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Operator, string Command, string Arguments, int ExitCode);
