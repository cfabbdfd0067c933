namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>The conversation as the screen draws it: what was said and whether a person is being called.</summary>
public sealed record ConversationSnapshot(
    IReadOnlyList<TranscriptEntry> Transcript,
    HelpStatus Help,
    HelpReason? HelpReason,
    DateTimeOffset? HelpSince,
    string Language);
