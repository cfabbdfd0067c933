using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// The kiosk's SQLite file in WAL mode with synchronous=FULL: a committed write survives a power cut.
/// Opens one connection per operation (pooled by Microsoft.Data.Sqlite), so it is safe from any thread. Every connection
/// has <c>secure_delete</c> on: a deleted transcript is overwritten with zeros, not left in free pages (docs/privacy.md).
/// </summary>
public sealed class KioskDatabase
{
    private readonly string _connectionString;

    public KioskDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.FullPath;
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                topic TEXT NOT NULL,
                payload BLOB NOT NULL,
                retain INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                delivered_at TEXT NULL);
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (delivered_at, id);
            CREATE TABLE IF NOT EXISTS help_call (
                id TEXT PRIMARY KEY,
                record TEXT NOT NULL,
                active INTEGER NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS desk_claim (
                request_id TEXT PRIMARY KEY,
                desk TEXT NOT NULL);
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The SQLite file's full path, for messages about it.</summary>
    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
