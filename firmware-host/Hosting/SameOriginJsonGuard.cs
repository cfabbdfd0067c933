using Microsoft.Net.Http.Headers;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that a page on another site could have sent:
/// 403 when the browser says it is cross-site (<c>Sec-Fetch-Site</c> other than <c>same-origin</c>/<c>none</c>) or its
/// <c>Origin</c> is not this kiosk's own; 415 when it has a body (or a content type) that is not JSON, which is what an
/// HTML form can post without asking. Body-less POSTs (<c>/dev/button/press</c>, <c>/api/help/cancel</c>,
/// <c>/api/reset</c>) are covered by the origin checks: browsers send <c>Origin</c> on every cross-site POST.
/// </summary>
/// <remarks>
/// A request with neither header (curl, a test's HttpClient, systemd's health probe) is not a browser and passes: the
/// screen listens on loopback only, so only processes on the kiosk itself can reach it that way.
/// </remarks>
public sealed class SameOriginJsonGuard(RequestDelegate next, ILogger<SameOriginJsonGuard> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        if (CrossSite(request) is { } why)
        {
            Log.CrossSiteRequestRefused(logger, request.Method, request.Path.Value ?? string.Empty, why);
            return Refuse(context, StatusCodes.Status403Forbidden, "This kiosk accepts changes only from its own screen.");
        }

        var hasBody = request.ContentLength > 0 || request.Headers.ContainsKey(HeaderNames.TransferEncoding) || request.ContentType is not null;
        if (hasBody && !request.HasJsonContentType())
        {
            Log.CrossSiteRequestRefused(logger, request.Method, request.Path.Value ?? string.Empty, $"content type '{request.ContentType}' is not JSON");
            return Refuse(context, StatusCodes.Status415UnsupportedMediaType, "Send JSON (Content-Type: application/json).");
        }

        return next(context);
    }

    private static string? CrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return $"Sec-Fetch-Site: {fetchSite}";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            return $"Origin {origin} is not {request.Scheme}://{request.Host.Value}";
        }

        return null;
    }

    private static Task Refuse(HttpContext context, int status, string detail) =>
        Results.Problem(detail, statusCode: status).ExecuteAsync(context);
}
