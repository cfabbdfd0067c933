using System.Security.Claims;
using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The signed-in store-staff member: role <c>staff</c> and their site, from the session (which
/// <see cref="SessionCookieEvents"/> refreshes from the account store on every request). Staff see and acknowledge only
/// their own site's alerts, whatever site a request names: the site comes from the account, never from the browser.
/// </summary>
public static class StaffAccess
{
    public static StaffMember? Of(ClaimsPrincipal user) =>
        AgentIdentity.Of(user) is { Role: DeskRole.Staff, Site: { } site } account && Ids.IsValid(site)
            ? new StaffMember(account.Id, account.Name, site)
            : null;
}
