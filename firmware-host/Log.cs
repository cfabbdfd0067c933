namespace KioskAssist.FirmwareHost;

/// <summary>
/// Every log line the kiosk writes, with event ids and structured values. Shopper text is never logged:
/// it may hold personal data. Intents and confidences are enough to follow what happened.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loaded intent model {Name} {Version}: {Labels} labels, threshold {Threshold:F3}, in {Milliseconds:F0} ms")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, int labels, float threshold, double milliseconds);

    [LoggerMessage(2, LogLevel.Information, "Loaded answers {Version}: {Intents} intents in {Languages}")]
    public static partial void AnswersLoaded(ILogger logger, string version, int intents, string languages);

    [LoggerMessage(3, LogLevel.Information, "Kiosk screen at {Address}")]
    public static partial void ScreenListening(ILogger logger, string address);

    [LoggerMessage(10, LogLevel.Information, "Question answered as {Intent} ({Confidence:F3}, {Language}) with {Kind} in {Microseconds:F0} µs")]
    public static partial void QuestionAnswered(ILogger logger, string intent, float confidence, string language, string kind, double microseconds);

    [LoggerMessage(11, LogLevel.Information, "Shopper asked for a person ({Reason})")]
    public static partial void PersonRequested(ILogger logger, string reason);

    [LoggerMessage(12, LogLevel.Information, "Call for a person cancelled by the shopper")]
    public static partial void PersonCancelled(ILogger logger);

    [LoggerMessage(13, LogLevel.Information, "Conversation cleared ({Why})")]
    public static partial void ConversationCleared(ILogger logger, string why);

    [LoggerMessage(20, LogLevel.Warning, "Rejected a screen request: {Problem}")]
    public static partial void ScreenRequestRejected(ILogger logger, string problem);
}
