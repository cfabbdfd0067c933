using System.Globalization;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Storage;

/// <summary>
/// Deletes what the kiosk no longer needs to keep (docs/privacy.md): finished help calls whose every message was
/// delivered, and which ended, more than <see cref="StorageOptions.FinishedCallRetention"/> ago, the delivered outbox
/// messages of the same age (they carried the same transcripts), and the desk claims of calls no longer open. With
/// <c>secure_delete</c> on (<see cref="KioskDatabase"/>) and a WAL checkpoint after, the text is gone from the file.
/// </summary>
/// <remarks>Thread-safe: one SQLite transaction per sweep. A call still waiting in the outbox is kept until delivered.</remarks>
public sealed class CallRetention(KioskDatabase database, IOptions<StorageOptions> options, TimeProvider time)
{
    /// <summary>Deletes what is past retention; returns the number of help calls deleted.</summary>
    public int Sweep()
    {
        var before = (time.GetUtcNow() - options.Value.FinishedCallRetention).ToString("O", CultureInfo.InvariantCulture);
        int calls;
        using (var connection = database.Open())
        {
            using (var transaction = connection.BeginTransaction())
            {
                using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    // Outbox topics of a request end in its id (ka/v1/requests/…/{id}, ka/v1/chat/…/{id}).
                    command.CommandText = """
                        DELETE FROM help_call WHERE active = 0 AND updated_at < $before
                          AND NOT EXISTS (SELECT 1 FROM outbox WHERE topic LIKE '%/' || help_call.id
                                          AND (delivered_at IS NULL OR delivered_at >= $before));
                        """;
                    command.Parameters.AddWithValue("$before", before);
                    calls = command.ExecuteNonQuery();
                    command.Parameters.Clear();
                    command.CommandText = """
                        DELETE FROM desk_claim WHERE request_id NOT IN (SELECT id FROM help_call WHERE active = 1);
                        DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < $before;
                        """;
                    command.Parameters.AddWithValue("$before", before);
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            // Deleted pages may still sit in the write-ahead log; move them into the (zeroed) main file and empty it.
            KioskDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        return calls;
    }
}
