namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>Which rolled-out version of one kind is active and which one ran before it; null means the shipped one.</summary>
public sealed record RolloutSlots(string? Current, string? Previous)
{
    public static RolloutSlots Shipped { get; } = new(null, null);
}
