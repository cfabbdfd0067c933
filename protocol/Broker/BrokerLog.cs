using Microsoft.Extensions.Logging;

namespace KioskAssist.Protocol.Broker;

/// <summary>Log lines of the broker link (event ids 100–199). Payloads and passwords are never logged.</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(100, LogLevel.Information, "Connected to broker {Broker} as {ClientId}")]
    public static partial void Connected(ILogger logger, string broker, string clientId);

    [LoggerMessage(101, LogLevel.Warning, "Lost the broker {Broker}; reconnecting")]
    public static partial void Disconnected(ILogger logger, string broker);

    [LoggerMessage(102, LogLevel.Warning, "Could not connect to broker {Broker} (attempt {Attempt}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string broker, int attempt, string reason);

    [LoggerMessage(103, LogLevel.Warning, "Broker refused a publish to {Topic}: {Reason}")]
    public static partial void PublishRefused(ILogger logger, string topic, string reason);

    [LoggerMessage(104, LogLevel.Warning, "Publish to {Topic} failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(106, LogLevel.Warning, "Broker {Broker} does not speak MQTT 5; using 3.1.1 (a refused publish is then not reported)")]
    public static partial void FallingBackToMqtt311(ILogger logger, string broker);

    [LoggerMessage(107, LogLevel.Warning, "Broker refused a publish to {Topic}: {Reason} ({HeldBack} more refused publishes since the last such line were not logged)")]
    public static partial void PublishRefusedAgain(ILogger logger, string topic, string reason, int heldBack);

    [LoggerMessage(105, LogLevel.Error, "Handling a message on {Topic} failed; the message was dropped")]
    public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);
}
