namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>What the screen shows after a question.</summary>
/// <param name="Text">The answer in <paramref name="Language"/>; null for <see cref="ReplyKind.NotSure"/> (the screen has that phrase).</param>
/// <param name="Intent">The intent answered, or "oos".</param>
public sealed record AssistantReply(
    ReplyKind Kind,
    string Intent,
    float Confidence,
    string Language,
    string? Text,
    ConversationSnapshot Conversation);
