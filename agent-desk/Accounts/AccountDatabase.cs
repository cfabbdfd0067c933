using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// The account file (<c>agents.db</c>: folder 0700, file 0600) and its schema. Version 2 added roles, sites, a
/// security stamp per account and server-side sessions; an older file is migrated when opened: its accounts become
/// agents, and the first one created becomes the admin, so someone can manage the desk after the upgrade.
/// </summary>
/// <remarks>Thread-safe: every caller opens its own (pooled) connection; SQLite serialises the writes.</remarks>
public sealed class AccountDatabase
{
    public const string FileName = "agents.db";
    private const int SchemaVersion = 2;

    private readonly string _connectionString;

    public AccountDatabase(string dataDirectory)
    {
        DataFiles.CreatePrivateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, FileName);
        DataFiles.CreatePrivateFile(file);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite }.ToString();
        using var connection = Open();
        Migrate(connection);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A fresh random security stamp: changing it ends every session of the account.</summary>
    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS agents (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              password_hash TEXT NOT NULL,
              created_at TEXT NOT NULL)
            """);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version < 2)
        {
            Execute(connection, "ALTER TABLE agents ADD COLUMN role TEXT NOT NULL DEFAULT 'agent'");
            Execute(connection, "ALTER TABLE agents ADD COLUMN site TEXT");
            Execute(connection, "ALTER TABLE agents ADD COLUMN stamp TEXT NOT NULL DEFAULT ''");
            Execute(connection, "UPDATE agents SET role = 'admin' WHERE rowid = (SELECT rowid FROM agents ORDER BY created_at, rowid LIMIT 1)");
            foreach (var id in Ids(connection))
            {
                using var stamp = connection.CreateCommand();
                stamp.CommandText = "UPDATE agents SET stamp = $stamp WHERE id = $id";
                stamp.Parameters.AddWithValue("$stamp", NewStamp());
                stamp.Parameters.AddWithValue("$id", id);
                stamp.ExecuteNonQuery();
            }

            Execute(connection, """
                CREATE TABLE sessions (
                  id TEXT PRIMARY KEY NOT NULL,
                  agent_id TEXT NOT NULL,
                  created_at TEXT NOT NULL,
                  seen_at TEXT NOT NULL)
                """);
            Execute(connection, "CREATE INDEX sessions_agent ON sessions (agent_id)");
            Execute(connection, $"PRAGMA user_version = {SchemaVersion}");
        }

        transaction.Commit();
    }

    private static List<string> Ids(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM agents";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
