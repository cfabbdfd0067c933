using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Provisioning;

/// <summary>
/// The named operators and the audit log, in <c>registry.db</c> beside the certificates (tables added if missing, so
/// an older registry gains them without a migration step). Not thread-safe; the caller disposes it. Two kafleet
/// commands may write at once: SQLite's busy timeout lets the second wait for the first's short transaction.
/// </summary>
public sealed class OperatorRegistry : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA busy_timeout = 5000;
        CREATE TABLE IF NOT EXISTS operators (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            serial TEXT NOT NULL,
            added_at TEXT NOT NULL,
            removed_at TEXT);
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            operator TEXT NOT NULL,
            command TEXT NOT NULL,
            arguments TEXT NOT NULL,
            exit_code INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _connection;

    private OperatorRegistry(SqliteConnection connection) => _connection = connection;

    public static OperatorRegistry Open(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        FleetRegistry.Open(fleet).Dispose(); // creates the file 0600 and the certificate tables when new
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fleet.Registry, Pooling = false, DefaultTimeout = 5 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return new OperatorRegistry(connection);
    }

    public bool Add(OperatorEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = Command(
            """
            INSERT INTO operators (name, role, serial, added_at) VALUES ($name, $role, $serial, $at)
            ON CONFLICT (name) DO UPDATE SET role = $role, serial = $serial, added_at = $at, removed_at = NULL WHERE removed_at IS NOT NULL
            """,
            ("$name", entry.Name), ("$role", RoleName(entry.Role)), ("$serial", entry.Serial), ("$at", Text(entry.AddedAt)));
        return command.ExecuteNonQuery() == 1;
    }

    public bool Remove(string name, DateTimeOffset now)
    {
        using var command = Command("UPDATE operators SET removed_at = $at WHERE name = $name AND removed_at IS NULL", ("$name", name), ("$at", Text(now)));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Every operator ever added, by name; removed ones flagged.</summary>
    public IReadOnlyList<OperatorEntry> Operators()
    {
        using var command = Command("SELECT name, role, serial, added_at, removed_at IS NOT NULL FROM operators ORDER BY name");
        using var reader = command.ExecuteReader();
        var list = new List<OperatorEntry>();
        while (reader.Read())
        {
            list.Add(new OperatorEntry(reader.GetString(0), ParseRole(reader.GetString(1)), reader.GetString(2), Parse(reader.GetString(3)), reader.GetBoolean(4)));
        }

        return list;
    }

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var command = Command(
            "INSERT INTO audit (at, operator, command, arguments, exit_code) VALUES ($at, $operator, $command, $arguments, $code)",
            ("$at", Text(entry.At)), ("$operator", entry.Operator), ("$command", entry.Command), ("$arguments", entry.Arguments), ("$code", entry.ExitCode));
        command.ExecuteNonQuery();
    }

    /// <summary>The latest <paramref name="limit"/> audit entries, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Audit(int limit)
    {
        using var command = Command(
            "SELECT at, operator, command, arguments, exit_code FROM (SELECT * FROM audit ORDER BY id DESC LIMIT $limit) ORDER BY id", ("$limit", limit));
        using var reader = command.ExecuteReader();
        var list = new List<AuditEntry>();
        while (reader.Read())
        {
            list.Add(new AuditEntry(Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return list;
    }

    public void Dispose() => _connection.Dispose();

    public static string RoleName(OperatorRole role) => role switch
    {
        OperatorRole.ReadOnly => "read-only",
        OperatorRole.Rollout => "rollout",
        _ => "ca",
    };

    public static OperatorRole ParseRole(string text) => text switch
    {
        "read-only" => OperatorRole.ReadOnly,
        "rollout" => OperatorRole.Rollout,
        "ca" => OperatorRole.Ca,
        _ => throw new FleetException($"role '{text}' is not one of read-only, rollout, ca."),
    };

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
