namespace KioskAssist.Provisioning;

/// <summary>The counts under the <c>status</c> table. Revoked kiosks are counted only as <see cref="Revoked"/>.</summary>
public sealed record StatusSummary(int Online, int Offline, int NeverSeen, int Revoked, int Malformed);
