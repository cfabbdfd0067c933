using System.Buffers;
using KioskAssist.FirmwareHost.Screen;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// <c>POST /pos/events</c> for a POS on the kiosk itself (CloudEvents 1.0, structured JSON mode; docs/pos.md) and
/// <c>POST /api/pos/dismiss</c> for the page. Loopback only, like the rest of the kiosk's HTTP.
/// </summary>
public static class PosEndpoints
{
    public const string StructuredContentType = "application/cloudevents+json";

    public static IEndpointRouteBuilder MapPos(this IEndpointRouteBuilder app)
    {
        app.MapPost("/pos/events", ReceiveAsync);
        app.MapPost("/api/pos/dismiss", (DismissRequest request, CheckoutTracker tracker, ScreenStateFeed feed) =>
            request.Id is { Length: > 0 and <= 64 } id
                ? Results.Ok(Dismissed(tracker, id, feed))
                : Results.Problem("Name the message to dismiss.", statusCode: StatusCodes.Status400BadRequest));
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, PosIntake intake, Microsoft.Extensions.Options.IOptions<PosOptions> options)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), StructuredContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(PosRejection.Malformed, $"send one event in structured mode (Content-Type: {StructuredContentType})", StatusCodes.Status400BadRequest);
        }

        // Read at most one byte past the limit: a larger body is refused without being read whole.
        var limit = options.Value.MaxEventBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            var length = 0;
            int n;
            while (length < limit && (n = await http.Request.Body.ReadAsync(buffer.AsMemory(length, limit - length), http.RequestAborted)) > 0)
            {
                length += n;
            }

            var result = intake.Receive(buffer.AsMemory(0, length), "http");
            return result switch
            {
                { Event: not null } or { Rejection: PosRejection.Duplicate } => Results.Accepted(),
                { Rejection: PosRejection.RateLimited } => Problem(PosRejection.RateLimited, result.Problem!, StatusCodes.Status429TooManyRequests),
                _ => Problem(result.Rejection!.Value, result.Problem!, StatusCodes.Status400BadRequest),
            };
        }
        finally
        {
            // The buffer may have held card data that was refused: clear it before it goes back to the pool.
            Array.Clear(buffer);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The screen after the dismissal (a message already gone, or replaced by a newer one, is not an error).</summary>
    private static ScreenState Dismissed(CheckoutTracker tracker, string id, ScreenStateFeed feed)
    {
        tracker.Dismiss(id);
        return feed.Current();
    }

    private static IResult Problem(PosRejection why, string detail, int status) =>
        Results.Problem(detail, statusCode: status, title: "POS event refused", extensions: new Dictionary<string, object?> { ["reason"] = PosCounters.NameOf(why) });

    /// <summary>The page's request to close a message.</summary>
    public sealed record DismissRequest(string? Id);
}
