using System.Security.Claims;
using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KioskAssist.AgentDesk.Web;

/// <summary>The signed-in agent as the session cookie carries it. Actions use only this, never an id sent by the browser.</summary>
public static class AgentIdentity
{
    public static AgentAccount? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.FindFirstValue(ClaimTypes.Name);
        return user.Identity?.IsAuthenticated == true && id is not null && name is not null ? new AgentAccount(id, name) : null;
    }

    public static Task SignInAsync(HttpContext http, AgentAccount agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Name, agent.Name)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
