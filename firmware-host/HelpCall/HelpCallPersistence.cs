using KioskAssist.FirmwareHost.Storage;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// Saves help-call records with the messages their changes produce, and carries on from memory when the disk refuses
/// (full, failing): the messages are then held in the <see cref="Outbox"/>'s memory and sent from there, the record is
/// kept here, and <see cref="RetryIfDue"/> saves it again every <see cref="RetrySeconds"/> seconds until the disk allows.
/// </summary>
/// <remarks>
/// Not thread-safe: the owner serializes every call, <see cref="IsSaved"/> included (<see cref="HelpCallCoordinator"/>
/// makes them all under its one lock, so a save and the state change it records are one step). Decides nothing about
/// the call itself; it only keeps what it is given. Logs with the owner's logger, so the lines keep the owner's category.
/// </remarks>
public sealed class HelpCallPersistence(HelpCallStore store, Outbox outbox, TimeProvider time, ILogger logger)
{
    /// <summary>Seconds between attempts to save what the disk would not take.</summary>
    public const int RetrySeconds = 2;

    // Records the disk would not take, by request id; saved again by RetryIfDue when the disk allows.
    private readonly Dictionary<string, HelpCallRecord> _unsaved = [];
    private DateTimeOffset _lastRetry;

    /// <summary>False while the latest record of this request lives only in memory.</summary>
    public bool IsSaved(string requestId) => !_unsaved.ContainsKey(requestId);

    /// <summary>
    /// Saves the record with its messages in one transaction (see <see cref="HelpCallStore"/>); when the disk refuses,
    /// logs it (once per request until saved), holds the messages in memory and keeps the record for a retry.
    /// False when not saved; the call goes on either way.
    /// </summary>
    public bool Save(HelpCallRecord record, IReadOnlyCollection<OutboxMessage> outgoing) => Persist(record, outgoing, logFailure: true);

    /// <summary>Messages that change no record (a state published again): to the outbox, or held in memory when the disk refuses.</summary>
    public void Send(IReadOnlyCollection<OutboxMessage> messages)
    {
        try
        {
            outbox.Enqueue(messages);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            outbox.HoldUnsaved(messages);
        }
    }

    /// <summary>
    /// Saves the records the disk would not take, oldest change first, when <see cref="RetrySeconds"/> have passed since
    /// the last try (or the first failure). True when all of them were saved now: what the screen shows changed.
    /// </summary>
    public bool RetryIfDue()
    {
        var now = time.GetUtcNow();
        if (_unsaved.Count == 0 || now - _lastRetry < TimeSpan.FromSeconds(RetrySeconds))
        {
            return false;
        }

        _lastRetry = now;
        var records = _unsaved.Count;
        foreach (var record in _unsaved.Values.OrderBy(r => r.Request.UpdatedAt).ToList())
        {
            if (!Persist(record, [], logFailure: false))
            {
                return false;
            }
        }

        Log.HelpCallSavedAgain(logger, store.DatabasePath, records);
        return true;
    }

    /// <summary>
    /// Saves the record with its messages; messages still held in memory from earlier failures go first in the same
    /// transaction, so the outbox keeps the order they were made in. When the disk refuses, the messages are held in
    /// memory (and sent from there) and the record is kept for <see cref="RetryIfDue"/>. False when not saved.
    /// </summary>
    private bool Persist(HelpCallRecord record, IReadOnlyCollection<OutboxMessage> outgoing, bool logFailure)
    {
        var carried = outbox.Unsaved();
        try
        {
            store.Save(record, [.. carried, .. outgoing]);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            if (_unsaved.Count == 0)
            {
                _lastRetry = time.GetUtcNow(); // the first retry comes a full interval later
            }

            // Once per call until it is saved: a chat line of a call already unsaved adds nothing to the log.
            if (logFailure && !_unsaved.ContainsKey(record.Request.Id))
            {
                Log.HelpCallNotSaved(logger, record.Request.Id, store.DatabasePath, e.Message, RetrySeconds);
            }

            _unsaved[record.Request.Id] = record;
            outbox.HoldUnsaved(outgoing);

            return false;
        }

        outbox.ForgetUnsaved(carried);
        _unsaved.Remove(record.Request.Id);
        return true;
    }
}
