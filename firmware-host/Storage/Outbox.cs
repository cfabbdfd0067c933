using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// Messages the kiosk has promised to deliver, in the order promised. Written in the same SQLite transaction as the
/// state change that caused them, so after a crash or power cut either both exist or neither does.
/// Thread-safe (each call uses its own pooled connection).
/// </summary>
/// <remarks>
/// When the disk cannot take a write (full, failing), the messages are held in memory instead (<see cref="HoldUnsaved"/>)
/// and delivered after the saved ones: a shopper's call still goes out over the network, it just would not survive
/// a power cut.
/// </remarks>
public sealed class Outbox(KioskDatabase database, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<OutboxMessage> _unsaved = [];

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

    /// <summary>Keeps messages that could not be saved in memory, to be delivered after the saved ones; wakes delivery.</summary>
    public void HoldUnsaved(IEnumerable<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_gate)
        {
            _unsaved.AddRange(messages.Select(m => m with { Id = 0 }));
        }

        Enqueued?.Invoke();
    }

    /// <summary>The unsaved messages not yet delivered, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Unsaved()
    {
        lock (_gate)
        {
            return [.. _unsaved];
        }
    }

    /// <summary>
    /// Forgets unsaved messages: delivered (the broker acknowledged them), or saved after all (then the caller saved them
    /// ahead of anything newer, so the order holds). By reference: they have no id.
    /// </summary>
    public void ForgetUnsaved(IEnumerable<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_gate)
        {
            foreach (var message in messages)
            {
                var index = _unsaved.FindIndex(m => ReferenceEquals(m, message));
                if (index >= 0)
                {
                    _unsaved.RemoveAt(index);
                }
            }
        }
    }

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

    /// <summary>Undelivered messages, saved and held in memory.</summary>
    public int PendingCount(string? topic = null)
    {
        int unsaved;
        lock (_gate)
        {
            unsaved = _unsaved.Count(m => topic is null || m.Topic == topic);
        }

        return SavedPendingCount(topic) + unsaved;
    }

    private int SavedPendingCount(string? topic)
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
