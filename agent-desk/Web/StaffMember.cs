namespace KioskAssist.AgentDesk.Web;

/// <summary>A signed-in store-staff member: who they are (the shopper's screen shows the name) and the one site they work at.</summary>
public sealed record StaffMember(string Id, string Name, string Site);
