using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Desk accounts in <see cref="AccountDatabase"/>. Passwords are stored only as <see cref="PasswordHasher{TUser}"/>
/// hashes (PBKDF2 with a salt), and never logged. Every account has a security stamp: a password change or a removal
/// replaces it and deletes the account's sessions, so every cookie issued before stops working at once
/// (<see cref="SessionStore"/> checks both on every request).
/// </summary>
/// <remarks>Thread-safe: every call opens its own (pooled) connection; SQLite serialises the writes.</remarks>
public sealed class AgentStore
{
    public const string FileName = AccountDatabase.FileName;

    private readonly PasswordHasher<AgentAccount> _hasher = new();
    private readonly TimeProvider _time;

    public AgentStore(string dataDirectory, TimeProvider? time = null)
    {
        Database = new AccountDatabase(dataDirectory);
        _time = time ?? TimeProvider.System;
    }

    public AccountDatabase Database { get; }

    public int Count()
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM agents";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Adds an account; with <paramref name="onlyIfFirst"/> only while no account exists (checked in the same statement).
    /// </summary>
    /// <exception cref="ArgumentException">The id, name, password, role or site breaks <see cref="AccountRules"/>.</exception>
    public AddAgentResult Add(string id, string name, string password, bool onlyIfFirst = false, DeskRole role = DeskRole.Agent, string? site = null)
    {
        if ((AccountRules.Check(id, name, password) ?? AccountRules.CheckRole(role, site)) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var account = new AgentAccount(id, name.Trim(), role, site);
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        const string Columns = "(id, name, password_hash, created_at, role, site, stamp)";
        command.CommandText = onlyIfFirst
            ? $"INSERT INTO agents {Columns} SELECT $id, $name, $hash, $at, $role, $site, $stamp WHERE NOT EXISTS (SELECT 1 FROM agents)"
            : $"INSERT OR IGNORE INTO agents {Columns} VALUES ($id, $name, $hash, $at, $role, $site, $stamp)";
        command.Parameters.AddWithValue("$id", account.Id);
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(account, password));
        command.Parameters.AddWithValue("$at", AccountDatabase.Timestamp(_time.GetUtcNow()));
        command.Parameters.AddWithValue("$role", role.Word());
        command.Parameters.AddWithValue("$site", (object?)site ?? DBNull.Value);
        command.Parameters.AddWithValue("$stamp", AccountDatabase.NewStamp());
        return command.ExecuteNonQuery() == 1 ? AddAgentResult.Added : onlyIfFirst ? AddAgentResult.NotFirst : AddAgentResult.IdTaken;
    }

    /// <summary>The account with this id, or null (also for an id that is not a valid id at all).</summary>
    public AgentAccount? Find(string? id)
    {
        if (!KioskAssist.Protocol.Ids.IsValid(id))
        {
            return null;
        }

        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, site FROM agents WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Every account, by id.</summary>
    public IReadOnlyList<AgentAccount> List()
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, site FROM agents ORDER BY id";
        using var reader = command.ExecuteReader();
        var accounts = new List<AgentAccount>();
        while (reader.Read())
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    /// <summary>The account when the password is right, else null. Takes as long for an unknown id as for a wrong password.</summary>
    public AgentAccount? Verify(string? id, string? password)
    {
        if (!KioskAssist.Protocol.Ids.IsValid(id) || password is null || password.Length > AccountRules.MaxPasswordLength)
        {
            return null;
        }

        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, role, site, password_hash FROM agents WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        AgentAccount account;
        string hash;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                _hasher.VerifyHashedPassword(new AgentAccount(id!, id!), DummyHash.Value, password);
                return null;
            }

            account = Read(reader);
            hash = reader.GetString(4);
        }

        var result = _hasher.VerifyHashedPassword(account, hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            SetPassword(connection, account, password, rotateStamp: false);
        }

        return result == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>
    /// Replaces the password when <paramref name="current"/> is right, and with it the security stamp: every session of
    /// the account ends. False when the current password is wrong; nothing changed then.
    /// </summary>
    /// <exception cref="ArgumentException">The new password breaks <see cref="AccountRules"/>.</exception>
    public bool ChangePassword(string id, string? current, string next)
    {
        if (AccountRules.CheckPassword(next) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        if (Verify(id, current) is not { } account)
        {
            return false;
        }

        using var connection = Database.Open();
        SetPassword(connection, account, next, rotateStamp: true);
        return true;
    }

    /// <summary>Removes the account and its sessions; its cookies stop working on their next request. False when unknown.</summary>
    public bool Remove(string id)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        using var sessions = connection.CreateCommand();
        sessions.CommandText = "DELETE FROM sessions WHERE agent_id = $id";
        sessions.Parameters.AddWithValue("$id", id);
        sessions.ExecuteNonQuery();
        using var account = connection.CreateCommand();
        account.CommandText = "DELETE FROM agents WHERE id = $id";
        account.Parameters.AddWithValue("$id", id);
        var removed = account.ExecuteNonQuery() == 1;
        transaction.Commit();
        return removed;
    }

    /// <summary>How many accounts have the admin role (the last one is not removed through the API).</summary>
    public int AdminCount()
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM agents WHERE role = 'admin'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads <c>id, name, role, site</c> from the current row.</summary>
    internal static AgentAccount Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), DeskRoles.Parse(reader.GetString(2)) ?? DeskRole.Agent, reader.IsDBNull(3) ? null : reader.GetString(3));

    private void SetPassword(SqliteConnection connection, AgentAccount account, string password, bool rotateStamp)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = rotateStamp
            ? "UPDATE agents SET password_hash = $hash, stamp = $stamp WHERE id = $id"
            : "UPDATE agents SET password_hash = $hash WHERE id = $id";
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(account, password));
        command.Parameters.AddWithValue("$stamp", AccountDatabase.NewStamp());
        command.Parameters.AddWithValue("$id", account.Id);
        command.ExecuteNonQuery();
        if (rotateStamp)
        {
            using var sessions = connection.CreateCommand();
            sessions.CommandText = "DELETE FROM sessions WHERE agent_id = $id";
            sessions.Parameters.AddWithValue("$id", account.Id);
            sessions.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>A hash to verify against when the id is unknown, so timing does not tell which ids exist.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AgentAccount>().HashPassword(new AgentAccount("x", "x"), Guid.NewGuid().ToString()));
}
