using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>How the last help call ended, so the screen can say so once ("Ana has finished helping you").</summary>
/// <param name="Rating">The shopper's rating (1..3), once given.</param>
public sealed record HelpEnded(string RequestId, HelpState State, string? AgentName, DateTimeOffset At, int? Rating = null)
{
    /// <summary>An agent resolved it and the shopper has not rated it yet: the screen offers the one-tap rating.</summary>
    public bool Ratable => State == HelpState.Resolved && Rating is null;
}
