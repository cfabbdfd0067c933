using Microsoft.Data.Sqlite;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// Which exceptions mean "the kiosk's storage cannot take this write" (disk full, I/O error, file gone), as opposed to
/// a bug. Those are survived: the call goes on from memory and over the network while saving is retried.
/// </summary>
public static class StorageFailure
{
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteReadOnly = 8;

    public static bool Is(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteFull or SqliteIoError or SqliteCantOpen or SqliteReadOnly,
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };
}
