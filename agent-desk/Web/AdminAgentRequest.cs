namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// <c>POST /api/admin/agents</c>: a new account. <c>role</c> is <c>agent</c>, <c>staff</c> or <c>admin</c> (a string,
/// so a wrong word gets a 400 problem that says what is allowed); <c>site</c> only for staff.
/// </summary>
public sealed record AdminAgentRequest(string? Id, string? Name, string? Password, string? Role, string? Site);
