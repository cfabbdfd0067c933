using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// One request as the queue shows it, without the transcript and chat (those come with <see cref="RequestDetail"/>).
/// The trailing fields come from the live side channels: when the shopper last typed (the page shows "Shopper is
/// typing…" for 6 s after it), when store staff were alerted and who acknowledged, the shopper's rating (1–3), and
/// when a finished request left the kiosk's retained state.
/// </summary>
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
    int ChatLines,
    DateTimeOffset? ShopperTypingAt = null,
    DateTimeOffset? StaffAlertedAt = null,
    StaffAckInfo? StaffAck = null,
    int? Rating = null,
    DateTimeOffset? FinishedAt = null);
