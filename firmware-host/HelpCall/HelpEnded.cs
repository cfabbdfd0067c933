using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>How the last help call ended, so the screen can say so once ("Ana has finished helping you").</summary>
public sealed record HelpEnded(string RequestId, HelpState State, string? AgentName, DateTimeOffset At);
