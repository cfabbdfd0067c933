using System.Security.Claims;
using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The signed-in account as the session cookie carries it: id, name, role, site, and the server-side session id and
/// security stamp that <see cref="SessionCookieEvents"/> checks against the store on every request (and then replaces
/// name, role and site with what the store says now). Actions use only this, never an id sent by the browser.
/// </summary>
public static class AgentIdentity
{
    public const string SiteClaim = "ka:site";
    public const string SessionClaim = "ka:sid";
    public const string StampClaim = "ka:stamp";

    public static AgentAccount? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(ClaimTypes.Name);
        var role = DeskRoles.Parse(user.FindFirstValue(ClaimTypes.Role));
        return user.Identity?.IsAuthenticated == true && id is not null && name is not null && role is not null
            ? new AgentAccount(id, name, role.Value, user.FindFirstValue(SiteClaim))
            : null;
    }

    /// <summary>The account id, session id and stamp the cookie carries, or null for a cookie from before sessions (refused).</summary>
    public static (string AgentId, string SessionId, string Stamp)? SessionOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && user.FindFirstValue(SessionClaim) is { } session && user.FindFirstValue(StampClaim) is { } stamp
            ? (id, session, stamp)
            : null;
    }

    public static ClaimsPrincipal Principal(AgentAccount agent, DeskSession session)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(session);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, agent.Id),
            new(ClaimTypes.Name, agent.Name),
            new(ClaimTypes.Role, agent.Role.Word()),
            new(SessionClaim, session.Id),
            new(StampClaim, session.Stamp),
        ];
        if (agent.Site is not null)
        {
            claims.Add(new Claim(SiteClaim, agent.Site));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static Task SignInAsync(HttpContext http, AgentAccount agent, DeskSession session) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(agent, session));
}
