using Microsoft.Extensions.Hosting.Systemd;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// Answers systemd's watchdog (<c>WatchdogSec=</c>): sends <c>WATCHDOG=1</c> every half <paramref name="timeout"/> while
/// <see cref="IKioskLiveness"/> says the kiosk is alive, and withholds it otherwise, so systemd kills and restarts a
/// kiosk that hung or lost a loop (<c>Restart=on-failure</c>). Microsoft.Extensions.Hosting.Systemd sends READY and
/// STOPPING but never WATCHDOG; this is that part. Does nothing without a watchdog (development, tests, --self-test).
/// </summary>
/// <param name="timeout">From <see cref="WatchdogTimeout.FromEnvironment"/>; null when systemd set no watchdog.</param>
public sealed class SystemdWatchdog(
    ISystemdNotifier notifier, IKioskLiveness liveness, TimeSpan? timeout, TimeProvider time, ILogger<SystemdWatchdog> logger)
    : BackgroundService
{
    private static readonly ServiceState Alive = new("WATCHDOG=1");

    /// <summary>Pings sent since start.</summary>
    public int Pings { get; private set; }

    /// <summary>How often the ping goes: at half systemd's timeout, so one late ping never kills a live kiosk.</summary>
    public static TimeSpan IntervalFor(TimeSpan timeout) => timeout / 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (timeout is not { } limit || !notifier.IsEnabled)
        {
            return;
        }

        var interval = IntervalFor(limit);
        Log.WatchdogEnabled(logger, limit.TotalSeconds, interval.TotalSeconds);
        string? withheldFor = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var problem = liveness.Problem();
                if (problem is null)
                {
                    notifier.Notify(Alive);
                    Pings++;
                    withheldFor = null;
                }
                else if (problem != withheldFor)
                {
                    Log.WatchdogWithheld(logger, problem);
                    withheldFor = problem;
                }

                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
