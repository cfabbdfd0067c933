using KioskAssist.FirmwareHost.Hardware;
using Microsoft.Extensions.Options;
using KioskAssist.FirmwareHost.Pos;
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
        app.UseMiddleware<SameOriginJsonGuard>(); // before every endpoint that changes state, the simulated button's included
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapKioskHealth();
        app.MapScreenApi();
        app.MapPos();
        if (app.Services.GetRequiredService<IOptions<HardwareOptions>>().Value.EffectiveMode(app.Environment.IsDevelopment()) == HardwareMode.Simulated)
        {
            app.MapSimulatedButton();
        }

        return app;
    }

    /// <summary>
    /// Runs the kiosk until it stops. Returns 1 when it stopped because a background loop failed (the host then stops
    /// itself quietly), so systemd's <c>Restart=on-failure</c> restarts it; 0 after an ordinary stop.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        var app = Create(args, replaceServices);
        var loops = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList(); // RunAsync disposes the app
        await app.RunAsync();
        return loops.Any(loop => loop.ExecuteTask?.IsFaulted == true) ? 1 : 0;
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
        builder.AddKioskConfigFile(args);
        builder.AddKiosk();
        builder.AddKioskSystemd();
        return builder;
    }
}
