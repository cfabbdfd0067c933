using System.Security.Claims;
using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// Reads the store-staff member from the session: role <c>staff</c> and their site. Staff see and acknowledge only
/// their own site's alerts, whatever site a request names: the site comes from the account, never from the browser.
/// </summary>
public static class StaffAccess
{
    /// <summary>The claim that carries a staff account's site in the session cookie.</summary>
    public const string SiteClaim = "site";

    public const string StaffRole = "staff";

    public static StaffMember? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AgentIdentity.Of(user) is not { } account)
        {
            return null;
        }

        var site = user.FindFirstValue(SiteClaim);
        return user.IsInRole(StaffRole) && site is not null && Ids.IsValid(site) ? new StaffMember(account.Id, account.Name, site) : null;
    }
}
