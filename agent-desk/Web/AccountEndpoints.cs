using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// Sign-in and its throttle, sign-out (this session, or everywhere), password change, and the first account (only
/// with the one-time setup token, only while no account exists). Ids typed into the sign-in form are logged only when
/// they name a real account: someone who typed their password into the id field must not find it in the log.
/// </summary>
public static class AccountEndpoints
{
    private const string UnknownId = "(unknown id)";

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapGet("/status", (HttpContext http, AgentStore store) =>
            new AccountStatus(AgentIdentity.Of(http.User) is not null, AgentIdentity.Of(http.User), store.Count() == 0));
        account.MapGet("/rules", () => new AccountRulesView(
            AccountRules.IdPattern, AccountRules.MaxIdLength, AccountRules.MaxNameLength, AccountRules.MinPasswordLength, AccountRules.MaxPasswordLength, DeskRoles.All));
        account.MapPost("/signin", SignInAsync);
        account.MapPost("/signout", SignOutAsync);
        account.MapPost("/signout-everywhere", SignOutEverywhereAsync).RequireAuthorization();
        account.MapPost("/password", ChangePasswordAsync).RequireAuthorization();
        account.MapPost("/setup", SetupAsync);
        return app;
    }

    /// <summary>The client's address as the forwarded-headers middleware settled it (a trusted proxy's X-Forwarded-For, else the connection's).</summary>
    public static string ClientAddress(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task<IResult> SignInAsync(
        SignInRequest request, HttpContext http, AgentStore store, SessionStore sessions, SignInThrottle throttle, ILogger<AgentStore> logger)
    {
        var address = ClientAddress(http);
        var known = store.Find(request.Id);
        if (throttle.Check(known?.Id, address) is var verdict and not ThrottleVerdict.Allowed)
        {
            Log.SignInThrottled(logger, known?.Id ?? UnknownId, address, verdict.ToString());
            http.Response.Headers.RetryAfter = ((int)SignInThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("Too many wrong sign-ins. Wait a few minutes and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var agent = store.Verify(request.Id, request.Password);
        if (agent is null || sessions.Start(agent.Id) is not { } session)
        {
            throttle.Failed(known?.Id, address);
            Log.SignInRefused(logger, known?.Id ?? UnknownId);
            return Results.Problem("Wrong id or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(agent.Id, address);
        await AgentIdentity.SignInAsync(http, agent, session);
        Log.AgentSignedIn(logger, agent.Id);
        return Results.Ok(agent);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SessionStore sessions, OpenSessions open, ILogger<AgentStore> logger)
    {
        if (AgentIdentity.SessionOf(http.User) is { } session)
        {
            sessions.End(session.SessionId);
            open.Abort(session.AgentId, session.SessionId, except: http);
            Log.AgentSignedOut(logger, session.AgentId);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> SignOutEverywhereAsync(HttpContext http, SessionStore sessions, OpenSessions open, ILogger<AgentStore> logger)
    {
        var agent = AgentIdentity.Of(http.User)!;
        sessions.EndAll(agent.Id);
        var aborted = open.Abort(agent.Id, except: http);
        Log.SignedOutEverywhere(logger, agent.Id, aborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(
        PasswordChangeRequest request, HttpContext http, AgentStore store, SessionStore sessions, OpenSessions open, SignInThrottle throttle, ILogger<AgentStore> logger)
    {
        var agent = AgentIdentity.Of(http.User)!;
        var address = ClientAddress(http);
        if (throttle.Check(agent.Id, address) is var verdict and not ThrottleVerdict.Allowed)
        {
            Log.SignInThrottled(logger, agent.Id, address, verdict.ToString());
            return Results.Problem("Too many wrong passwords. Wait a few minutes and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (AccountRules.CheckPassword(request.NewPassword) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!store.ChangePassword(agent.Id, request.CurrentPassword, request.NewPassword!))
        {
            throttle.Failed(agent.Id, address);
            return Results.Problem("The current password is wrong.", statusCode: StatusCodes.Status400BadRequest);
        }

        // The stamp changed and every session ended; this browser goes on in a new one.
        var aborted = open.Abort(agent.Id, except: http);
        Log.PasswordChanged(logger, agent.Id, aborted);
        if (sessions.Start(agent.Id) is { } session)
        {
            await AgentIdentity.SignInAsync(http, agent, session);
        }

        return Results.Ok(agent);
    }

    private static async Task<IResult> SetupAsync(
        SetupRequest request, HttpContext http, AgentStore store, SessionStore sessions, SetupToken token, SignInThrottle throttle, ILogger<AgentStore> logger)
    {
        var address = ClientAddress(http);
        if (store.Count() > 0)
        {
            Log.SetupRefused(logger, "an account exists already");
            return Results.Problem("An account exists already: sign in, or ask an admin for an account.", statusCode: StatusCodes.Status409Conflict);
        }

        if (throttle.Check(null, address) != ThrottleVerdict.Allowed)
        {
            return Results.Problem("Too many wrong attempts. Wait a few minutes and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        if (AccountRules.Check(request.Id, request.Name, request.Password) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!token.IsPending)
        {
            // Every account was removed (CLI) after a start that had one: a fresh token goes to the console as at start.
            token.IssueIfNeeded();
        }

        if (!token.TryConsume(request.Token))
        {
            throttle.Failed(null, address);
            Log.SetupRefused(logger, $"wrong or missing setup token from {address}");
            return Results.Problem(
                "The setup token is wrong or used up. It is printed in the desk's console at start and kept in the setup-token file in its data folder.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (store.Add(request.Id!, request.Name!, request.Password!, onlyIfFirst: true, role: DeskRole.Admin) != AddAgentResult.Added)
        {
            Log.SetupRefused(logger, "an account exists already");
            return Results.Problem("An account exists already: sign in, or ask an admin for an account.", statusCode: StatusCodes.Status409Conflict);
        }

        Log.AgentCreated(logger, request.Id!, "first admin, with the setup token");
        var agent = store.Find(request.Id)!;
        if (sessions.Start(agent.Id) is { } session)
        {
            await AgentIdentity.SignInAsync(http, agent, session);
        }

        return Results.Ok(agent);
    }
}
