using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The session cookie's checks. On every request that carries a cookie, its session must still exist in the store
/// with the account's current security stamp; otherwise the cookie is refused (401) and cleared, so a copied cookie
/// stops working after sign-out, and every cookie of an account stops working after a password change, "sign out
/// everywhere" or removal. The principal is rebuilt from the store, so a role change applies on the next request.
/// An API, not a site of forms: it answers 401/403 instead of redirecting to a login page.
/// </summary>
public sealed class SessionCookieEvents(SessionStore sessions, ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var session = context.Principal is { } principal ? AgentIdentity.SessionOf(principal) : null;
        var account = session is { } s ? sessions.Check(s.AgentId, s.SessionId, s.Stamp) : null;
        if (account is null)
        {
            Log.SessionRefused(logger, session?.AgentId ?? "(no session)");
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(AgentIdentity.Principal(account, new DeskSession(session!.Value.SessionId, session.Value.Stamp)));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Log.RoleRefused(logger, AgentIdentity.Of(context.HttpContext.User)?.Id ?? "(unknown)", context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
