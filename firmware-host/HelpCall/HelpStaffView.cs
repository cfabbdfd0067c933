namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>A store-staff member walking over, as the screen shows it ("Dewi from the store is walking over").</summary>
public sealed record HelpStaffView(string Name, DateTimeOffset At);
