using KioskAssist.FirmwareHost.Hardware;
using Microsoft.Extensions.Options;
using KioskAssist.FirmwareHost.Screen;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Builds the kiosk host; <c>Program</c> runs it and tests start it with their own settings.</summary>
public static class KioskApplication
{
    /// <param name="replaceServices">For tests: swaps in fakes (a GPIO controller over a fake driver, a fake clock) after registration.</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = CreateBuilder(args);
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseKioskSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapKioskHealth();
        app.MapScreenApi();
        if (app.Services.GetRequiredService<IOptions<HardwareOptions>>().Value.EffectiveMode(app.Environment.IsDevelopment()) == HardwareMode.Simulated)
        {
            app.MapSimulatedButton();
        }

        return app;
    }

    /// <summary>Everything registered, nothing built or started: the host and <c>--self-test</c> share it.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The model, answers and page live beside the binary, wherever it is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddKiosk();
        builder.AddKioskSystemd();
        return builder;
    }
}
