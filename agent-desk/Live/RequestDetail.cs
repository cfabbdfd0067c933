using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// An opened request: its summary, what the shopper already had with the assistant, the chat in sequence order, and
/// what the checkout reported about the transaction (when a POS is connected to the kiosk).
/// </summary>
public sealed record RequestDetail(RequestSummary Request, IReadOnlyList<TranscriptLine> Transcript, IReadOnlyList<ChatMessage> Chat, TransactionSummary? Transaction = null);
