using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The signed-in agent's API: the live view (once, or as a Server-Sent Events stream), one request in full, and the
/// actions. Every action is sent to the kiosk as the signed-in agent; the kiosk decides and the answer arrives as state.
/// </summary>
public static class DeskEndpoints
{
    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/me", (HttpContext http) => AgentIdentity.Of(http.User));
        // Transcripts and the queue are for agents; store staff see only their site's alerts (StaffEndpoints).
        var agents = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(async (context, next) =>
            AgentIdentity.Of(context.HttpContext.User) is { } who && who.Role.ActsOnRequests()
                ? await next(context)
                : Results.Problem("Only agents see requests.", statusCode: StatusCodes.Status403Forbidden));
        agents.MapGet("/desk", (HttpContext http, DeskState state) => state.ViewFor(AgentIdentity.Of(http.User)!.Id));
        api.MapGet("/outcomes", () => AgentActionMessage.Outcomes);
        agents.MapGet("/events", (HttpContext http, DeskState state, IHostApplicationLifetime lifetime) =>
        {
            // The stream ends when the browser goes or the desk stops, so a stop never waits on open pages.
            var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            http.Response.RegisterForDispose(ending);
            http.Response.Headers["X-Accel-Buffering"] = "no"; // a buffering reverse proxy would hold events back
            return TypedResults.ServerSentEvents(LiveEvents.StreamAsync(AgentIdentity.Of(http.User)!, state, ending.Token));
        });
        agents.MapGet("/requests/{site}/{kiosk}/{id}", (string site, string kiosk, string id, DeskState state) =>
            Ids.IsValid(site) && Ids.IsValid(kiosk) && Ids.IsValid(id) && state.Detail(new RequestKey(site, kiosk, id)) is { } detail
                ? Results.Ok(detail)
                : Results.Problem("No such request: it may have finished.", statusCode: StatusCodes.Status404NotFound));
        api.MapPost("/requests/{site}/{kiosk}/{id}/{action}", ActAsync);
        app.MapStaffApi();
        return app;
    }

    private static async Task<IResult> ActAsync(
        string site, string kiosk, string id, string action, ActionRequest? body,
        HttpContext http, DeskState state, IKioskActions kiosks, TimeProvider time, ILogger<DeskState> logger)
    {
        var agent = AgentIdentity.Of(http.User)!;
        if (!Accounts.DeskRoles.ActsOnRequests(agent.Role))
        {
            return Reject(logger, StatusCodes.Status403Forbidden, $"Role {agent.Role} may not act on requests.");
        }

        if (!TryParseAction(action, out var type))
        {
            return Results.Problem($"Unknown action '{action}'.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!Ids.IsValid(site) || !Ids.IsValid(kiosk) || !Ids.IsValid(id))
        {
            return Reject(logger, StatusCodes.Status400BadRequest, "Site, kiosk and request must be ids.");
        }

        var key = new RequestKey(site, kiosk, id);
        if (state.Find(key) is not { } request)
        {
            return Results.Problem("No such request: it may have finished.", statusCode: StatusCodes.Status404NotFound);
        }

        if (ActionRules.Refusal(type, request, agent.Id) is { } refusal)
        {
            // Seen here already: the agent learns at once, without waiting for the kiosk to ignore the action.
            return Results.Json(new { problem = refusal, takenBy = request.Agent?.Id == agent.Id ? null : request.Agent?.Name, state = request.State },
                ProtocolJson.Options, statusCode: StatusCodes.Status409Conflict);
        }

        var text = body?.Text?.Trim();
        if (ActionRules.BodyProblem(type, text, body?.Outcome) is { } problem)
        {
            return Reject(logger, StatusCodes.Status400BadRequest, problem);
        }

        var message = new AgentActionMessage
        {
            Id = Ids.New(),
            RequestId = id,
            Type = type,
            Agent = new AgentRef(agent.Id, agent.Name),
            At = time.GetUtcNow(),
            Text = type == AgentActionType.Chat ? text : null,
            Outcome = type == AgentActionType.Resolve ? body?.Outcome : null,
        };
        if (message.Validate() is { } invalid)
        {
            return Reject(logger, StatusCodes.Status400BadRequest, invalid);
        }

        if (!await kiosks.SendAsync(key, message, http.RequestAborted))
        {
            Log.ActionNotSent(logger, action, id);
            return Results.Problem("The desk cannot reach the broker right now. Try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (type != AgentActionType.Typing) // a hint every 3 s while typing: not worth a log line
        {
            Log.ActionSent(logger, agent.Id, action, id, site, kiosk);
        }

        return Results.Accepted(value: new { actionId = message.Id });
    }

    private static bool TryParseAction(string action, out AgentActionType type)
    {
        type = action switch
        {
            "claim" => AgentActionType.Claim,
            "connect" => AgentActionType.Connect,
            "chat" => AgentActionType.Chat,
            "release" => AgentActionType.Release,
            "resolve" => AgentActionType.Resolve,
            "typing" => AgentActionType.Typing,
            _ => (AgentActionType)(-1),
        };
        return Enum.IsDefined(type);
    }

    private static IResult Reject(ILogger logger, int status, string problem)
    {
        Log.DeskRequestRejected(logger, problem);
        return Results.Problem(problem, statusCode: status);
    }
}
