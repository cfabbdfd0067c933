using System.Globalization;
using System.Text.Json;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// Saves the help call together with the messages its change produced, in one SQLite transaction: the state
/// on disk and the outbox never disagree, whenever the power goes.
/// </summary>
public sealed class HelpCallStore(KioskDatabase database, Outbox outbox, TimeProvider time)
{
    /// <summary>The SQLite file, for log lines about it.</summary>
    public string DatabasePath => database.Path;

    /// <summary>Saves the record and the messages in one transaction. Throws what SQLite throws; see <see cref="StorageFailure"/>.</summary>
    public void Save(HelpCallRecord record, IReadOnlyCollection<OutboxMessage> outgoing)
    {
        ArgumentNullException.ThrowIfNull(record);
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO help_call (id, record, active, updated_at) VALUES ($id, $record, $active, $at)
                    ON CONFLICT (id) DO UPDATE SET record = excluded.record, active = excluded.active, updated_at = excluded.updated_at
                    """;
                command.Parameters.AddWithValue("$id", record.Request.Id);
                command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(record, ProtocolJson.Options));
                command.Parameters.AddWithValue("$active", record.Request.IsFinished ? 0 : 1);
                command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
            }

            outbox.Append(connection, transaction, outgoing);
            transaction.Commit();
        }

        outbox.NotifyEnqueued();
    }

    /// <summary>The call that was open when the kiosk last stopped, if any.</summary>
    public HelpCallRecord? LoadActive()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM help_call WHERE active = 1 ORDER BY updated_at DESC LIMIT 1";
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<HelpCallRecord>(json, ProtocolJson.Options) : null;
    }
}
