using System.Security.Cryptography;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Server-side sessions, checked on every request: a cookie works only while its session row exists, its account
/// exists, and the account's security stamp is the one the cookie carries. So signing out ends that session (a copied
/// cookie stops working), and "sign out everywhere", a password change or a removal end all of an account's sessions
/// at once. A session unused for <see cref="IdleLifetime"/> ends, like the sliding cookie.
/// </summary>
/// <remarks>Thread-safe (see <see cref="AccountDatabase"/>). Costs one indexed read per request, and a write at most once a minute per session.</remarks>
public sealed class SessionStore(AgentStore accounts, TimeProvider time)
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for the account; null when the account is gone.</summary>
    public DeskSession? Start(string agentId)
    {
        var now = time.GetUtcNow();
        using var connection = accounts.Database.Open();
        using var transaction = connection.BeginTransaction();
        using var prune = connection.CreateCommand();
        prune.CommandText = "DELETE FROM sessions WHERE seen_at < $before";
        prune.Parameters.AddWithValue("$before", AccountDatabase.Timestamp(now - IdleLifetime));
        prune.ExecuteNonQuery();

        using var stamp = connection.CreateCommand();
        stamp.CommandText = "SELECT stamp FROM agents WHERE id = $id";
        stamp.Parameters.AddWithValue("$id", agentId);
        if (stamp.ExecuteScalar() is not string current)
        {
            return null;
        }

        var session = new DeskSession(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), current);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO sessions (id, agent_id, created_at, seen_at) VALUES ($id, $agent, $at, $at)";
        insert.Parameters.AddWithValue("$id", session.Id);
        insert.Parameters.AddWithValue("$agent", agentId);
        insert.Parameters.AddWithValue("$at", AccountDatabase.Timestamp(now));
        insert.ExecuteNonQuery();
        transaction.Commit();
        return session;
    }

    /// <summary>The account as it is now when the session is still valid, else null.</summary>
    public AgentAccount? Check(string? agentId, string? sessionId, string? stamp)
    {
        if (agentId is null || sessionId is null || stamp is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        using var connection = accounts.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.name, a.role, a.site, s.seen_at FROM sessions s JOIN agents a ON a.id = s.agent_id
            WHERE s.id = $session AND a.id = $agent AND a.stamp = $stamp
            """;
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.AddWithValue("$stamp", stamp);
        AgentAccount account;
        DateTimeOffset seen;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            account = AgentStore.Read(reader);
            seen = DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (now - seen >= IdleLifetime)
        {
            End(sessionId);
            return null;
        }

        if (now - seen >= TouchEvery)
        {
            using var touch = connection.CreateCommand();
            touch.CommandText = "UPDATE sessions SET seen_at = $now WHERE id = $session";
            touch.Parameters.AddWithValue("$now", AccountDatabase.Timestamp(now));
            touch.Parameters.AddWithValue("$session", sessionId);
            touch.ExecuteNonQuery();
        }

        return account;
    }

    /// <summary>Ends one session (sign-out): its cookie, and every copy of it, stops working.</summary>
    public void End(string sessionId)
    {
        using var connection = accounts.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE id = $session";
        command.Parameters.AddWithValue("$session", sessionId);
        command.ExecuteNonQuery();
    }

    /// <summary>Ends every session of the account by replacing its security stamp ("sign out everywhere").</summary>
    public void EndAll(string agentId)
    {
        using var connection = accounts.Database.Open();
        using var transaction = connection.BeginTransaction();
        using var stamp = connection.CreateCommand();
        stamp.CommandText = "UPDATE agents SET stamp = $stamp WHERE id = $id";
        stamp.Parameters.AddWithValue("$stamp", AccountDatabase.NewStamp());
        stamp.Parameters.AddWithValue("$id", agentId);
        stamp.ExecuteNonQuery();
        using var sessions = connection.CreateCommand();
        sessions.CommandText = "DELETE FROM sessions WHERE agent_id = $id";
        sessions.Parameters.AddWithValue("$id", agentId);
        sessions.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>How many sessions the account has open (for tests and health).</summary>
    public int Count(string agentId)
    {
        using var connection = accounts.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sessions WHERE agent_id = $id";
        command.Parameters.AddWithValue("$id", agentId);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
