namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Someone who may sign in to the desk: an id for the system, a display name shoppers see on the kiosk, a role, and
/// for store staff the site they work at (null for agents and admins). Serialized as <c>{ id, name, role, site }</c>.
/// </summary>
public sealed record AgentAccount(string Id, string Name, DeskRole Role = DeskRole.Agent, string? Site = null);
