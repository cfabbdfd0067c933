namespace KioskAssist.AgentDesk.Web;

/// <summary>Authorization policies by name. Roles come from the store on every request (see <see cref="SessionCookieEvents"/>).</summary>
public static class DeskPolicies
{
    /// <summary>Account management: role <c>admin</c> only; others get 403.</summary>
    public const string Admin = "admin";
}
