namespace KioskAssist.Provisioning;

/// <summary>One rollout in <c>rollout list</c> (and its <c>--json</c>): what was sent where, and how many kiosks applied it so far.</summary>
public sealed record RolloutSummary(
    string Id, string Kind, string Version, string Target, string Status, DateTimeOffset CreatedAt, int Kiosks, int Applied, int Pending);
