using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>One kiosk in <c>status</c>: the registry's view joined with its retained presence and metrics.</summary>
/// <param name="Since">Online: when its connection began. Offline: the last time it was heard from — its goodbye, or,
/// when the broker published its Last Will, its last metrics report (at most one metrics interval before it vanished).</param>
/// <param name="Presence">The retained presence as received; null when never seen.</param>
/// <param name="Metrics">The retained metrics as received; null when it never reported.</param>
public sealed record KioskStatus(
    string Site,
    string Kiosk,
    RegistryState Registry,
    KioskState State,
    DateTimeOffset? Since,
    string? Firmware,
    string? Model,
    string? Answers,
    PresenceMessage? Presence,
    KioskMetricsMessage? Metrics);
