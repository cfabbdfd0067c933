using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>What the screen shows after a question.</summary>
/// <param name="Text">The answer in <paramref name="Language"/>; null for <see cref="ReplyKind.NotSure"/> (the screen has that phrase).</param>
/// <param name="Intent">The intent answered, or "oos".</param>
/// <param name="OfferPerson">When set, the screen offers a person beside the reply, and calls with this reason if tapped.</param>
public sealed record AssistantReply(
    ReplyKind Kind,
    string Intent,
    float Confidence,
    string Language,
    string? Text,
    HelpReason? OfferPerson);
