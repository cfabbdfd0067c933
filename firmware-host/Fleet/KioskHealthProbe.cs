using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Reads the kiosk's <see cref="KioskHealth"/> for the metrics: the outbox backlog, the drop counters and the free space
/// on the database's file system. Thread-safe (each part is).
/// </summary>
public sealed class KioskHealthProbe(Outbox outbox, MessageCounters counters, IOptions<StorageOptions> storage)
{
    private readonly string _folder = Path.GetDirectoryName(storage.Value.FullPath) ?? "/";

    public KioskHealth Read() => new(outbox.PendingCount(), counters.DroppedByReason(), DiskFree());

    private long? DiskFree()
    {
        try
        {
            return new DriveInfo(_folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // reported as unknown, never as zero
        }
    }
}
