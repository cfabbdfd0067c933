using KioskAssist.AgentDesk.Web;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>Builds the desk host; <c>Program</c> runs it and tests start it with their own settings.</summary>
public static class DeskApplication
{
    /// <summary>The desk's settings and <c>wwwroot</c>: the <c>desk</c> folder beside the binary.</summary>
    public static string ContentRoot { get; } = Path.Combine(AppContext.BaseDirectory, "desk");

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Settings and page live in desk/ beside the binary (see the project file), wherever it is started from.
            ContentRootPath = ContentRoot,
        });
        builder.AddDesk();

        var app = builder.Build();
        // First, so the client address (sign-in throttle) and https (Secure cookie, HSTS) are the proxy's word when it is trusted.
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseDeskSecurityHeaders();
        app.UseSameOriginCheck();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        OpenSessions.UseOpenSessions(app);
        app.UseAuthorization();
        app.MapDeskHealth();
        app.MapAccountApi();
        app.MapAdminApi();
        app.MapAdminRequestsApi();
        app.MapDeskApi();
        return app;
    }
}
