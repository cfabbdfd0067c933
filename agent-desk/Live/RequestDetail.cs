using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>An opened request: its summary, what the shopper already had with the assistant, and the chat in sequence order.</summary>
public sealed record RequestDetail(RequestSummary Request, IReadOnlyList<TranscriptLine> Transcript, IReadOnlyList<ChatMessage> Chat);
