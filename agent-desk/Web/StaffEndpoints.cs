using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// The store-staff API: a signed-in staff member's site alerts (once, or as a Server-Sent Events stream) and
/// "I'm on my way". Everything is scoped to the site in the staff member's account; any other site is refused.
/// </summary>
public static class StaffEndpoints
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").RequireAuthorization();
        api.MapGet("/view", (HttpContext http, DeskState state) =>
            StaffAccess.Of(http.User) is { } staff ? Results.Ok(state.StaffViewFor(staff.Site)) : NotStaff());
        api.MapGet("/events", (HttpContext http, DeskState state, IHostApplicationLifetime lifetime) =>
        {
            if (StaffAccess.Of(http.User) is not { } staff)
            {
                return NotStaff();
            }

            var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            http.Response.RegisterForDispose(ending);
            http.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.ServerSentEvents(StreamAsync(staff.Site, state, ending.Token));
        });
        api.MapPost("/alerts/{site}/{kiosk}/{id}/ack", AcknowledgeAsync);
        return app;
    }

    private static async Task<IResult> AcknowledgeAsync(
        string site, string kiosk, string id, HttpContext http, DeskState state, IStaffActions kiosks, TimeProvider time, ILogger<DeskState> logger)
    {
        if (StaffAccess.Of(http.User) is not { } staff)
        {
            return NotStaff();
        }

        if (!Ids.IsValid(site) || !Ids.IsValid(kiosk) || !Ids.IsValid(id))
        {
            Log.StaffAckRefused(logger, staff.Id, "not ids");
            return Results.Problem("Site, kiosk and request must be ids.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (site != staff.Site)
        {
            // Never trust the site in the path: a staff member walks only their own store's floor.
            Log.StaffAckRefused(logger, staff.Id, $"site {site} is not theirs");
            return Results.Problem("That kiosk is in another store.", statusCode: StatusCodes.Status403Forbidden);
        }

        var key = new RequestKey(site, kiosk, id);
        if (state.FindStaffAlert(key) is null)
        {
            return Results.Problem("No such alert: it may have ended.", statusCode: StatusCodes.Status404NotFound);
        }

        if (state.FindStaffAck(key) is { } already)
        {
            return Results.Json(new { problem = $"{already.Staff.Name} is already on the way.", by = already.Staff, at = already.At },
                ProtocolJson.Options, statusCode: StatusCodes.Status409Conflict);
        }

        var ack = new StaffAckMessage(Ids.New(), id, site, kiosk, new StaffRef(staff.Id, staff.Name), time.GetUtcNow());
        if (ack.Validate() is { } invalid)
        {
            Log.StaffAckRefused(logger, staff.Id, invalid);
            return Results.Problem(invalid, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await kiosks.SendStaffAckAsync(ack, http.RequestAborted))
        {
            Log.StaffAckNotSent(logger, id);
            return Results.Problem("The desk cannot reach the kiosk right now. Try again in a moment.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // Recorded here at once (the broker's copy comes back as a duplicate), so every page sees who is going.
        state.ApplyStaffAck(ack);
        Log.StaffAckSent(logger, staff.Id, id, site, kiosk);
        return Results.Accepted(value: new { ackId = ack.Id });
    }

    private static IResult NotStaff() =>
        Results.Problem("Only store staff see store alerts.", statusCode: StatusCodes.Status403Forbidden);

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(string site, DeskState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = -1L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var view = state.StaffViewFor(site);
            if (view.Version != sent)
            {
                sent = view.Version;
                yield return new SseItem<string>(JsonSerializer.Serialize(view, ProtocolJson.Options), "staff");
            }

            bool? woke;
            try
            {
                await state.WaitForChangeAsync(sent, cancellationToken).WaitAsync(PingEvery, cancellationToken);
                woke = true;
            }
            catch (TimeoutException)
            {
                woke = false;
            }
            catch (OperationCanceledException)
            {
                woke = null;
            }

            if (woke is null)
            {
                yield break;
            }

            if (woke == false)
            {
                yield return new SseItem<string>("{}", "ping");
            }
        }
    }
}
