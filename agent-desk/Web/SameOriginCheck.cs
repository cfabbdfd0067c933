namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// Cross-site request forgery guard for every state-changing request: the browser must say the request comes from
/// the desk's own page (<c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> whose host is the request's host).
/// A request that says neither is refused, so a page elsewhere cannot make an agent's browser claim or chat. The
/// session cookie is also <c>SameSite=Strict</c>. A POST, PUT or PATCH must also say it is JSON
/// (<c>Content-Type: application/json</c>, even with no body): a cross-site HTML form cannot send that without a CORS
/// preflight, which the desk never grants (415 otherwise). DELETE always needs a preflight cross-site.
/// </summary>
public static class SameOriginCheck
{
    public static IApplicationBuilder UseSameOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                || (IsSameOrigin(request) && (!NeedsJson(request) || request.HasJsonContentType())))
            {
                await next(context);
                return;
            }

            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginCheck));
            if (!IsSameOrigin(request))
            {
                Log.CrossSiteRefused(logger, request.Method, request.Path);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            Log.NotJsonRefused(logger, request.Method, request.Path);
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        });

    private static bool NeedsJson(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite == "same-origin";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
