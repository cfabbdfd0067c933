using KioskAssist.FirmwareHost.Storage;
using Microsoft.Data.Sqlite;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// What the watchdog's ping vouches for: every background loop of the kiosk (broker link, outbox delivery, help
/// ladder, light) is still running, and the SQLite database that holds the outbox answers a query. The ping itself,
/// arriving on time, shows the thread pool and timers are not stuck.
/// Deliberately not: that the broker is connected. A network outage is not fixed by a restart, and the screen must
/// keep answering while the outbox waits, so an offline kiosk stays up.
/// </summary>
public sealed class KioskLiveness(IServiceProvider services, Outbox outbox) : IKioskLiveness
{
    public string? Problem()
    {
        // Resolved here, not in the constructor: the watchdog that owns this is itself one of the hosted services.
        foreach (var loop in services.GetServices<IHostedService>().OfType<BackgroundService>())
        {
            if (loop is SystemdWatchdog || loop.ExecuteTask is not { IsCompleted: true } ended)
            {
                continue;
            }

            return ended.IsFaulted
                ? $"{loop.GetType().Name} stopped: {ended.Exception!.GetBaseException().Message}"
                : $"{loop.GetType().Name} stopped";
        }

        try
        {
            outbox.PendingCount();
            return null;
        }
        catch (SqliteException e)
        {
            return $"the database does not answer: {e.Message}";
        }
    }
}
