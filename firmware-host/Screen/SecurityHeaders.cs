namespace KioskAssist.FirmwareHost.Screen;

/// <summary>
/// Headers that keep the page to its own scripts and styles: text that reaches the screen (an answer, later an
/// agent's chat) can never run as code, even if a bug inserted it as HTML.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseKioskSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
}
