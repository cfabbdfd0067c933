namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>What the shopper and the assistant said, and the screen's language.</summary>
public sealed record ConversationSnapshot(IReadOnlyList<TranscriptEntry> Transcript, string Language);
