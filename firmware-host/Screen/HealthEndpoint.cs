using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.FirmwareHost.Model;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary><c>/health</c>: readiness plus what the kiosk is running, for the technician and the fleet.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapKioskHealth(this IEndpointRouteBuilder app)
    {
        // The host serves only after the model loaded and passed its golden check, so reaching this means ready.
        app.MapGet("/health", (IServiceProvider services, IHostEnvironment environment) =>
        {
            var active = services.GetRequiredService<ActiveModel>();
            using var lease = active.Acquire();
            var model = lease.Model;
            var link = services.GetRequiredService<KioskBrokerLink>();
            var counters = services.GetRequiredService<MessageCounters>();
            var hardware = services.GetRequiredService<IOptions<HardwareOptions>>().Value;
            var kiosk = services.GetRequiredService<IOptions<KioskOptions>>().Value;
            return new
            {
                status = "ready",
                kiosk = new { site = kiosk.Site, id = kiosk.Id, firmware = KioskOptions.Firmware },
                model = new { name = model.Manifest.Name, version = model.Version, threshold = model.Manifest.Threshold, minConfidence = model.Manifest.MinConfidence, source = active.Source },
                answers = new { version = services.GetRequiredService<StoreAnswers>().Version },
                broker = new
                {
                    address = link.BrokerDescription,
                    connected = services.GetRequiredService<IBrokerLinkState>().IsUp,
                    embedded = services.GetRequiredService<EmbeddedBroker>().IsRunning,
                    outboxPending = services.GetRequiredService<Outbox>().PendingCount(),
                    messagesAccepted = counters.Accepted,
                    messagesDropped = counters.Dropped,
                    messagesDroppedBy = counters.DroppedByReason(),
                },
                hardware = new
                {
                    mode = hardware.EffectiveMode(environment.IsDevelopment()).ToString().ToLowerInvariant(),
                    buttonPin = hardware.ButtonPin,
                    lightPin = hardware.LightPin,
                    light = services.GetRequiredService<StatusLight>().Pattern.ToString(),
                },
                pos = new
                {
                    accepted = services.GetRequiredService<Pos.PosCounters>().Accepted,
                    rejected = services.GetRequiredService<Pos.PosCounters>().Rejected,
                    rejectedBy = services.GetRequiredService<Pos.PosCounters>().RejectedByReason(),
                    catalogue = services.GetRequiredService<Pos.PosCatalogue>().Version,
                },
                help = services.GetRequiredService<HelpCallCoordinator>().View()?.State.ToString().ToLowerInvariant() ?? "none",
                environment = environment.EnvironmentName,
            };
        });
        return app;
    }
}
