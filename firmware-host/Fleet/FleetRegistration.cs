using KioskAssist.Protocol.Hosting;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>Registers what the kiosk tells the fleet operator: its versions, its counts, and the metrics publisher.</summary>
public static class FleetRegistration
{
    /// <summary>Call after the broker link is registered: the publisher starts after it.</summary>
    public static IServiceCollection AddKioskFleet(this IServiceCollection services)
    {
        services.AddValidatedOptions<FleetOptions, FleetOptionsAnnotations>(FleetOptions.Section);
        services.AddSingleton<KioskVersions>();
        services.AddSingleton<KioskMetrics>();
        services.AddSingleton<KioskHealthProbe>();
        services.AddSingleton<MetricsPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsPublisher>());
        services.AddSingleton<CertificateInbox>();
        services.AddValidatedOptions<CertificateOptions, CertificateOptionsAnnotations>(CertificateOptions.Section);
        services.AddHostedService<CertificateRenewal>();
        return services;
    }
}
