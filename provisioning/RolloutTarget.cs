namespace KioskAssist.Provisioning;

/// <summary>One kiosk a rollout goes to, and the latest that kiosk reported about it.</summary>
/// <param name="Status"><c>pending</c>, <c>applied</c>, <c>refused</c> or <c>rolled_back</c>.</param>
public sealed record RolloutTarget(string Site, string Kiosk, string Status, string? Reason, string? Active)
{
    public string Name => $"{Site}/{Kiosk}";
}
