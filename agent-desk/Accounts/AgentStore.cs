using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Agent accounts in a SQLite file (<c>agents.db</c> in the data folder; folder 0700, file 0600). Passwords are
/// stored only as <see cref="PasswordHasher{TUser}"/> hashes (PBKDF2 with a salt), and never logged.
/// </summary>
/// <remarks>Thread-safe: every call opens its own (pooled) connection; SQLite serialises the writes.</remarks>
public sealed class AgentStore
{
    public const string FileName = "agents.db";

    private readonly string _connectionString;
    private readonly PasswordHasher<AgentAccount> _hasher = new();

    public AgentStore(string dataDirectory)
    {
        DataFiles.CreatePrivateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, FileName);
        DataFiles.CreatePrivateFile(file);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite }.ToString();
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS agents (
              id TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              password_hash TEXT NOT NULL,
              created_at TEXT NOT NULL)
            """);
    }

    public int Count()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM agents";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds an agent; with <paramref name="onlyIfFirst"/> only while no agent exists (checked in the same statement).</summary>
    /// <exception cref="ArgumentException">The id, name or password breaks <see cref="AccountRules"/>.</exception>
    public AddAgentResult Add(string id, string name, string password, bool onlyIfFirst = false)
    {
        if (AccountRules.Check(id, name, password) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var account = new AgentAccount(id, name.Trim());
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = onlyIfFirst
            ? "INSERT INTO agents (id, name, password_hash, created_at) SELECT $id, $name, $hash, $at WHERE NOT EXISTS (SELECT 1 FROM agents)"
            : "INSERT OR IGNORE INTO agents (id, name, password_hash, created_at) VALUES ($id, $name, $hash, $at)";
        command.Parameters.AddWithValue("$id", account.Id);
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(account, password));
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery() == 1 ? AddAgentResult.Added : onlyIfFirst ? AddAgentResult.NotFirst : AddAgentResult.IdTaken;
    }

    /// <summary>The account when the password is right, else null. Takes as long for an unknown id as for a wrong password.</summary>
    public AgentAccount? Verify(string? id, string? password)
    {
        if (!KioskAssist.Protocol.Ids.IsValid(id) || password is null || password.Length > AccountRules.MaxPasswordLength)
        {
            return null;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, password_hash FROM agents WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            _hasher.VerifyHashedPassword(new AgentAccount(id!, id!), DummyHash.Value, password);
            return null;
        }

        var account = new AgentAccount(id!, reader.GetString(0));
        var result = _hasher.VerifyHashedPassword(account, reader.GetString(1), password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            Rehash(connection, account, password);
        }

        return result == PasswordVerificationResult.Failed ? null : account;
    }

    private void Rehash(SqliteConnection connection, AgentAccount account, string password)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE agents SET password_hash = $hash WHERE id = $id";
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(account, password));
        command.Parameters.AddWithValue("$id", account.Id);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A hash to verify against when the id is unknown, so timing does not tell which ids exist.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AgentAccount>().HashPassword(new AgentAccount("x", "x"), Guid.NewGuid().ToString()));
}
