using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>Running as a systemd service (<c>firmware-host/deploy/kioskassist.service</c>): readiness, stopping and the watchdog.</summary>
public static class SystemdRegistration
{
    public static WebApplicationBuilder AddKioskSystemd(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Type=notify: READY=1 once every hosted service has started (the model passed its golden check, the screen
        // listens), STOPPING=1 on shutdown. Changes nothing when systemd did not start the process.
        services.AddSystemd();

        // AddSystemd also switches console logs to systemd's plain format; keep the configured one (JSON lines in
        // production, structured values intact in the journal).
        if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
        {
            services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = formatter);
        }

        services.AddSingleton<IKioskLiveness, KioskLiveness>();
        services.AddHostedService(sp => new SystemdWatchdog(
            sp.GetService<ISystemdNotifier>() ?? new SystemdNotifier(),
            sp.GetRequiredService<IKioskLiveness>(),
            WatchdogTimeout.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SystemdWatchdog>>()));
        return builder;
    }
}
