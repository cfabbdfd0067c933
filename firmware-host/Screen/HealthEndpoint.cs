using KioskAssist.FirmwareHost.Answers;
using KioskAssist.Intent;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary><c>/health</c>: readiness plus what the kiosk is running, for the technician and the fleet.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapKioskHealth(this IEndpointRouteBuilder app)
    {
        // The host serves only after the model loaded and passed its golden check, so reaching this means ready.
        app.MapGet("/health", (IntentModel model, StoreAnswers answers, IHostEnvironment environment) => new
        {
            status = "ready",
            model = new { name = model.Manifest.Name, version = model.Version, threshold = model.Manifest.Threshold },
            answers = new { version = answers.Version },
            environment = environment.EnvironmentName,
        });
        return app;
    }
}
