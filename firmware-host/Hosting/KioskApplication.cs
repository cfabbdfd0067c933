using KioskAssist.FirmwareHost.Screen;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Builds the kiosk host; <c>Program</c> runs it and tests start it with their own settings.</summary>
public static class KioskApplication
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The model, answers and page live beside the binary, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddKiosk();

        var app = builder.Build();
        app.UseKioskSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapKioskHealth();
        app.MapScreenApi();
        return app;
    }
}
