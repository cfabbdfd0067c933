using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// Everything the kiosk knows about its current help call, saved to SQLite with every change so a restart
/// (or a power cut) resumes exactly where it was.
/// </summary>
/// <param name="Request">The request as last published (its revision is the source of truth).</param>
/// <param name="Chat">Accepted chat lines in sequence order.</param>
/// <param name="AppliedActions">Ids of agent actions already applied: a redelivery is applied once.</param>
/// <param name="OpenSince">When the request last became open (created, or released by an agent).</param>
/// <param name="NoticeShown">The shopper has been told what happens next (the second escalation step).</param>
/// <param name="Staff">The store-staff member who acknowledged the call, if any (the first acknowledgement wins).</param>
/// <param name="Released">The agent who last gave the call back to the queue; cleared at the next claim.</param>
/// <param name="StaffAlerted">The store's staff were alerted for this call (no agent online, the bridge down, or the urgent step).</param>
public sealed record HelpCallRecord(
    HelpRequestMessage Request,
    IReadOnlyList<ChatMessage> Chat,
    IReadOnlyList<string> AppliedActions,
    DateTimeOffset OpenSince,
    bool NoticeShown,
    HelpStaff? Staff = null,
    HelpReleased? Released = null,
    bool StaffAlerted = false);
