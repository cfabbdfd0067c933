using KioskAssist.FirmwareHost.Pos;

namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>What the shopper and the assistant said, the screen's language, and the checkout's transaction if a POS reported one.</summary>
public sealed record ConversationSnapshot(IReadOnlyList<TranscriptEntry> Transcript, string Language, CheckoutSnapshot? Checkout = null);
