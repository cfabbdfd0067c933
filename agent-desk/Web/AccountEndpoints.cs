using System.Net;
using KioskAssist.AgentDesk.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KioskAssist.AgentDesk.Web;

/// <summary>Sign-in, sign-out, and creating the first agent account (only from the desk's own machine, only while none exists).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");
        account.MapGet("/status", (HttpContext http, AgentStore store) =>
        {
            var agent = AgentIdentity.Of(http.User);
            var needsSetup = store.Count() == 0;
            return new AccountStatus(agent is not null, agent, needsSetup, needsSetup && IsLocal(http));
        });
        account.MapPost("/signin", SignInAsync);
        account.MapPost("/signout", SignOutAsync);
        account.MapPost("/setup", SetupAsync);
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, AgentStore store, SignInThrottle throttle, ILogger<AgentStore> logger)
    {
        var id = KioskAssist.Protocol.Ids.IsValid(request.Id) ? request.Id! : "(invalid id)";
        if (throttle.IsBlocked(id))
        {
            Log.SignInRefused(logger, id);
            return Results.Problem("Too many wrong passwords for this agent. Wait a few minutes and try again.", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var agent = store.Verify(request.Id, request.Password);
        if (agent is null)
        {
            throttle.Failed(id);
            Log.SignInRefused(logger, id);
            return Results.Problem("Wrong agent id or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(id);
        await AgentIdentity.SignInAsync(http, agent);
        Log.AgentSignedIn(logger, agent.Id);
        return Results.Ok(agent);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, ILogger<AgentStore> logger)
    {
        if (AgentIdentity.Of(http.User) is { } agent)
        {
            Log.AgentSignedOut(logger, agent.Id);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static async Task<IResult> SetupAsync(SetupRequest request, HttpContext http, AgentStore store, ILogger<AgentStore> logger)
    {
        if (!IsLocal(http))
        {
            Log.SetupRefused(logger, "the request did not come from this machine");
            return Results.Problem("The first agent account can only be created on the desk's own machine.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (AccountRules.Check(request.Id, request.Name, request.Password) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (store.Add(request.Id!, request.Name!, request.Password!, onlyIfFirst: true) != AddAgentResult.Added)
        {
            Log.SetupRefused(logger, "an agent account exists already");
            return Results.Problem("An agent account exists already: sign in, or ask for an account.", statusCode: StatusCodes.Status409Conflict);
        }

        Log.AgentCreated(logger, request.Id!, "first account, from the sign-in page");
        var agent = new AgentAccount(request.Id!, request.Name!.Trim());
        await AgentIdentity.SignInAsync(http, agent);
        return Results.Ok(agent);
    }

    /// <summary>
    /// From this machine and not through a proxy: a reverse proxy on the same machine also connects from loopback,
    /// so a request that carries forwarding headers counts as remote.
    /// </summary>
    private static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded")
        && !http.Request.Headers.ContainsKey("X-Real-IP");
}
