using System.Net;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Pos;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// Registers everything the kiosk runs: validated options, the model, the answers, the conversation, the help call
/// with its outbox and broker link, the hardware, and the screen.
/// </summary>
public static class KioskServiceExtensions
{
    public static WebApplicationBuilder AddKiosk(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddValidatedOptions<ScreenOptions, ScreenOptionsAnnotations>(ScreenOptions.Section);
        services.AddSingleton<IValidateOptions<ScreenOptions>, ScreenOptionsRules>();
        services.AddValidatedOptions<ModelOptions, ModelOptionsAnnotations>(ModelOptions.Section);
        services.AddValidatedOptions<AnswersOptions, AnswersOptionsAnnotations>(AnswersOptions.Section);
        services.AddValidatedOptions<StoreOptions, StoreOptionsAnnotations>(StoreOptions.Section);
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddValidatedOptions<KioskOptions, KioskOptionsAnnotations>(KioskOptions.Section);
        services.AddValidatedOptions<StorageOptions, StorageOptionsAnnotations>(StorageOptions.Section);
        services.AddValidatedOptions<HelpOptions, HelpOptionsAnnotations>(HelpOptions.Section);
        services.AddSingleton<IValidateOptions<HelpOptions>, HelpOptionsRules>();
        services.AddValidatedOptions<BrokerSettings, BrokerSettingsAnnotations>(BrokerSettings.Section);
        services.AddValidatedOptions<HardwareOptions, HardwareOptionsAnnotations>(HardwareOptions.Section);
        services.AddValidatedOptions<RolloutOptions, RolloutOptionsAnnotations>(RolloutOptions.Section);
        services.AddSingleton<IValidateOptions<RolloutOptions>, RolloutOptionsRules>();
        services.AddOptions<ProductionGuardOptions>().BindConfiguration(ProductionGuardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProductionGuardOptions>, ProductionGuardRules>();

        services.AddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // The model and answers a rollout left, else the shipped ones (Rollouts/RolloutStartup.cs).
        services.AddSingleton<RolloutStartup>();
        services.AddSingleton(sp => sp.GetRequiredService<RolloutStartup>().LoadModel());
        services.AddSingleton(sp => sp.GetRequiredService<RolloutStartup>().LoadAnswers(
            sp.GetRequiredService<IOptions<StoreOptions>>(), sp.GetRequiredService<IOptions<ScreenOptions>>()));
        services.AddSingleton<ShopperConversation>();
        services.AddValidatedOptions<PosOptions, PosOptionsAnnotations>(PosOptions.Section);
        services.AddSingleton(sp => PosCatalogue.Load(
            Path.Combine(AppContext.BaseDirectory, sp.GetRequiredService<IOptions<PosOptions>>().Value.CatalogueFile),
            sp.GetRequiredService<IOptions<ScreenOptions>>().Value.Languages));
        services.AddSingleton(sp => new PosEventReader(
            sp.GetRequiredService<IOptions<KioskOptions>>().Value.Site, sp.GetRequiredService<IOptions<KioskOptions>>().Value.Id));
        services.AddSingleton(sp => new PosRateLimiter(sp.GetRequiredService<IOptions<PosOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PosCounters>();
        services.AddSingleton<CheckoutTracker>();
        services.AddSingleton<PosIntake>();
        services.AddSingleton<Assistant>();
        services.AddHostedService<KioskStartupCheck>();

        // Order matters: hosted services start in registration order, so the embedded broker listens before the
        // link connects, and the link exists before the outbox delivers through it.
        services.AddSingleton<KioskDatabase>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<HelpCallStore>();
        services.AddSingleton<HelpCallCoordinator>();
        services.AddSingleton<MessageCounters>();
        services.AddSingleton<DeskClaims>();
        services.AddSingleton<CallRetention>();
        services.AddHostedService<RetentionSweeper>();
        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddSingleton<KioskBrokerLink>();
        services.AddHostedService(sp => sp.GetRequiredService<KioskBrokerLink>());
        services.AddSingleton<IBrokerLinkState>(sp => sp.GetRequiredService<KioskBrokerLink>());
        services.AddSingleton<IOutboxSender>(sp => sp.GetRequiredService<KioskBrokerLink>());
        services.AddSingleton<IMetricsReporter>(sp => sp.GetRequiredService<KioskBrokerLink>());
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDelivery>());
        services.AddHostedService<HelpLadder>();
        services.AddKioskFleet();
        services.AddSingleton<RolloutInbox>();
        services.AddSingleton<RolloutApplier>();
        services.AddHostedService<RolloutAgent>();
        services.AddSingleton<ScreenStateFeed>();
        builder.AddKioskHardware();

        services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(ProtocolJson.EnumsByName()));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Reading the options here validates them, so a bad address stops the host with the key's name.
            var screen = kestrel.ApplicationServices.GetRequiredService<IOptions<ScreenOptions>>().Value;
            kestrel.Listen(IPAddress.Parse(screen.BindAddress), screen.Port);
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        return builder;
    }
}
