namespace KioskAssist.AgentDesk.Live;

/// <summary>What a signed-in store-staff member sees: the alerts of their own site only, newest first.</summary>
public sealed record StaffView(long Version, DateTimeOffset Now, bool BrokerConnected, string Site, IReadOnlyList<StaffAlertView> Alerts);
