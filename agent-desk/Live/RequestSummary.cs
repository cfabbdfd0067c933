using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>One request as the queue shows it, without the transcript and chat (those come with <see cref="RequestDetail"/>).</summary>
public sealed record RequestSummary(
    string Site,
    string Kiosk,
    string RequestId,
    HelpReason Reason,
    string Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision,
    HelpState State,
    bool Urgent,
    AgentRef? Agent,
    DateTimeOffset? ClaimedAt,
    string? Outcome,
    bool KioskOnline,
    int TranscriptLines,
    int ChatLines);
