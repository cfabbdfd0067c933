using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// One store-staff alert as a staff member's phone shows it: which kiosk, why, how long the shopper has waited, a few
/// of the shopper's own words when the desk has the request (so staff know what to bring), and who is already going.
/// <see cref="State"/> is null once the request has ended (or was never seen by this desk).
/// </summary>
public sealed record StaffAlertView(
    string RequestId,
    string Site,
    string Kiosk,
    HelpReason Reason,
    int WaitedSeconds,
    DateTimeOffset At,
    string? Language,
    HelpState? State,
    IReadOnlyList<string> ShopperSaid,
    StaffAckInfo? Ack);
