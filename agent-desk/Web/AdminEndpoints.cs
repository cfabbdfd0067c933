using KioskAssist.AgentDesk.Accounts;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// Account management for admins: <c>GET /api/admin/agents</c> → <c>[{ id, name, role, site }]</c>;
/// <c>POST /api/admin/agents</c> <c>{ id, name, password, role, site? }</c> → 201 with the account, 400 problem, or 409;
/// <c>DELETE /api/admin/agents/{id}</c> → 204, 404, or 409 for the last admin. A removed account's sessions end at once,
/// including its open event streams. Every other role gets 403; POSTs are JSON and same-origin (<see cref="SameOriginCheck"/>).
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/admin/agents").RequireAuthorization(DeskPolicies.Admin);
        agents.MapGet("", (AgentStore store) => store.List());
        agents.MapPost("", Add);
        agents.MapDelete("/{id}", Remove);
        return app;
    }

    private static IResult Add(AdminAgentRequest request, HttpContext http, AgentStore store, ILogger<AgentStore> logger)
    {
        var role = DeskRoles.Parse(request.Role);
        var site = string.IsNullOrEmpty(request.Site) ? null : request.Site;
        var problem = AccountRules.Check(request.Id, request.Name, request.Password)
            ?? (role is null ? $"The role must be one of: {string.Join(", ", DeskRoles.All)}." : AccountRules.CheckRole(role.Value, site));
        if (problem is not null)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (store.Add(request.Id!, request.Name!, request.Password!, role: role!.Value, site: site) != AddAgentResult.Added)
        {
            return Results.Problem($"An account with id '{request.Id}' exists already.", statusCode: StatusCodes.Status409Conflict);
        }

        var admin = AgentIdentity.Of(http.User)!;
        Log.AgentCreated(logger, request.Id!, $"{role.Value.Word()}, by admin {admin.Id}");
        return Results.Created($"/api/admin/agents/{request.Id}", store.Find(request.Id));
    }

    private static IResult Remove(string id, HttpContext http, AgentStore store, OpenSessions open, ILogger<AgentStore> logger)
    {
        if (store.Find(id) is not { } account)
        {
            return Results.Problem("No such account.", statusCode: StatusCodes.Status404NotFound);
        }

        if (account.Role == DeskRole.Admin && store.AdminCount() <= 1)
        {
            return Results.Problem("This is the last admin: add another admin first.", statusCode: StatusCodes.Status409Conflict);
        }

        store.Remove(id);
        var aborted = open.Abort(id, except: http);
        Log.AgentRemoved(logger, id, AgentIdentity.Of(http.User)!.Id, aborted);
        return Results.NoContent();
    }
}
