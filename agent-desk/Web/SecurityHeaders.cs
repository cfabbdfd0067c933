namespace KioskAssist.AgentDesk.Web;

/// <summary>
/// Headers that keep the page to its own scripts and styles: shoppers' and agents' text (transcripts, chat) can
/// never run as code, even if a bug inserted it as HTML. API answers are never cached: they name agents and hold chat.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseDeskSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/account"))
            {
                headers.CacheControl = "no-store";
            }

            await next(context);
        });
}
