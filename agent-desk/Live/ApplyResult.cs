namespace KioskAssist.AgentDesk.Live;

/// <summary>What <see cref="DeskState"/> did with a message: applied, or the reason it was dropped.</summary>
public readonly record struct ApplyResult(DropReason? Dropped)
{
    public static ApplyResult Applied => new(null);

    public bool WasApplied => Dropped is null;

    public static ApplyResult Drop(DropReason reason) => new(reason);
}
