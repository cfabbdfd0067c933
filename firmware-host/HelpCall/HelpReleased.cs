namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The agent who gave the call back to the queue, and when; the screen explains it until the next claim.</summary>
public sealed record HelpReleased(string AgentName, DateTimeOffset At);
