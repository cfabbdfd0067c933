using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// One request on demand, for admins (docs/privacy.md): <c>GET /api/admin/requests/{site}/{kiosk}/{id}</c> → the request,
/// its transcript and chat as JSON (an attachment), or 404; <c>DELETE</c> on the same path → 204 (gone from this desk at
/// once, with its chat, rating and staff alert), or 404. Every other role gets 403; the DELETE is same-origin
/// (<see cref="SameOriginCheck"/>). What the kiosk and the broker hold is bounded by their own retention.
/// </summary>
public static class AdminRequestEndpoints
{
    public static IEndpointRouteBuilder MapAdminRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/admin/requests").RequireAuthorization(DeskPolicies.Admin);
        requests.MapGet("/{site}/{kiosk}/{id}", Export);
        requests.MapDelete("/{site}/{kiosk}/{id}", Delete);
        return app;
    }

    private static IResult Export(string site, string kiosk, string id, HttpContext http, DeskState state, ILogger<DeskState> logger)
    {
        if (!Valid(site, kiosk, id) || state.Detail(new RequestKey(site, kiosk, id)) is not { } detail)
        {
            return Results.Problem("This desk holds no such request.", statusCode: StatusCodes.Status404NotFound);
        }

        Log.RequestExported(logger, site, kiosk, id, AgentIdentity.Of(http.User)!.Id);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"request-{site}-{kiosk}-{id}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(detail);
    }

    private static IResult Delete(string site, string kiosk, string id, HttpContext http, DeskState state, ILogger<DeskState> logger)
    {
        if (!Valid(site, kiosk, id) || !state.Forget(new RequestKey(site, kiosk, id)))
        {
            return Results.Problem("This desk holds no such request.", statusCode: StatusCodes.Status404NotFound);
        }

        Log.RequestDeleted(logger, site, kiosk, id, AgentIdentity.Of(http.User)!.Id);
        return Results.NoContent();
    }

    private static bool Valid(string site, string kiosk, string id) => Ids.IsValid(site) && Ids.IsValid(kiosk) && Ids.IsValid(id);
}
