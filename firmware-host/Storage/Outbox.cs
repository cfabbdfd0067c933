using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// Messages the kiosk has promised to deliver, in the order promised. Written in the same SQLite transaction as the
/// state change that caused them, so after a crash or power cut either both exist or neither does.
/// Thread-safe (each call uses its own pooled connection).
/// </summary>
public sealed class Outbox(KioskDatabase database, TimeProvider time)
{
    /// <summary>Raised after new messages were committed; wakes the delivery loop.</summary>
    public event Action? Enqueued;

    public void Enqueue(IReadOnlyCollection<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Append(connection, transaction, messages);
        transaction.Commit();
        Enqueued?.Invoke();
    }

    /// <summary>Adds messages inside a caller's transaction; the caller commits and then calls <see cref="NotifyEnqueued"/>.</summary>
    public void Append(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(messages);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO outbox (topic, payload, retain, created_at) VALUES ($topic, $payload, $retain, $at)";
        var topic = command.Parameters.Add("$topic", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Blob);
        var retain = command.Parameters.Add("$retain", SqliteType.Integer);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        foreach (var message in messages)
        {
            topic.Value = message.Topic;
            payload.Value = message.Payload;
            retain.Value = message.Retain ? 1 : 0;
            command.ExecuteNonQuery();
        }
    }

    public void NotifyEnqueued() => Enqueued?.Invoke();

    /// <summary>The oldest undelivered messages, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Pending(int max)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, topic, payload, retain FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var pending = new List<OutboxMessage>();
        while (reader.Read())
        {
            pending.Add(new OutboxMessage(reader.GetString(1), (byte[])reader.GetValue(2), reader.GetInt64(3) == 1, reader.GetInt64(0)));
        }

        return pending;
    }

    public int PendingCount(string? topic = null)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = topic is null
            ? "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL"
            : "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND topic = $topic";
        if (topic is not null)
        {
            command.Parameters.AddWithValue("$topic", topic);
        }

        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void MarkDelivered(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET delivered_at = $at WHERE id = $id";
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>Forgets delivered messages older than <paramref name="age"/>.</summary>
    public int Prune(TimeSpan age)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < $before";
        command.Parameters.AddWithValue("$before", (time.GetUtcNow() - age).ToString("O", CultureInfo.InvariantCulture));
        return command.ExecuteNonQuery();
    }
}
