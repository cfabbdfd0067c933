using Microsoft.Extensions.Logging;

namespace KioskAssist.FleetSimulator;

/// <summary>The simulator's log lines (event ids 600–699). Payloads are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Warning, "Dropped a message on {Topic}: {Problem}")]
    public static partial void MessageDropped(ILogger logger, string topic, string problem);

    [LoggerMessage(601, LogLevel.Warning, "Agent {Agent} saw no decision on its claim of {RequestId} within {Seconds} s; moving on")]
    public static partial void ClaimUndecided(ILogger logger, string agent, string requestId, double seconds);
}
