namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// The store-staff member who acknowledged the call ("I'm on my way"), saved with the call so a restart keeps it:
/// the ladder's record of who answered and when.
/// </summary>
/// <param name="AckId">The acknowledgement's id (a redelivery of the same one is a duplicate, not a second ack).</param>
public sealed record HelpStaff(string Id, string Name, DateTimeOffset At, string AckId);
