namespace KioskAssist.AgentDesk.Accounts;

/// <summary>The words for <see cref="DeskRole"/> as the store, the CLI and the API write them.</summary>
public static class DeskRoles
{
    public const string Agent = "agent";
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Staff, Admin];

    public static string Word(this DeskRole role) => role switch
    {
        DeskRole.Staff => Staff,
        DeskRole.Admin => Admin,
        _ => Agent,
    };

    /// <summary>The role a word names (exactly, lower case), or null.</summary>
    public static DeskRole? Parse(string? word) => word switch
    {
        Agent => DeskRole.Agent,
        Staff => DeskRole.Staff,
        Admin => DeskRole.Admin,
        _ => null,
    };

    /// <summary>Agents and admins take requests; staff only hear alerts.</summary>
    public static bool ActsOnRequests(this DeskRole role) => role is DeskRole.Agent or DeskRole.Admin;
}
