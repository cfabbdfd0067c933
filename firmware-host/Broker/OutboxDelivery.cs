using KioskAssist.FirmwareHost.Storage;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// Delivers the outbox in order whenever the broker is reachable: publish at QoS 1, wait for the broker's
/// acknowledgement, then mark delivered. A crash between the two means one more delivery after restart,
/// which receivers drop by id or revision — never a loss. Messages the disk could not take (held in memory by the
/// <see cref="Outbox"/>) go after the saved ones.
/// </summary>
public sealed class OutboxDelivery(
    Outbox outbox, IBrokerLinkState link, IOutboxSender sender, Microsoft.Extensions.Options.IOptions<StorageOptions> storage, TimeProvider time, ILogger<OutboxDelivery> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private readonly SemaphoreSlim _wake = new(0);

    // Delivered, but the disk would not record it (full): not published again, marked when the disk lets us.
    private readonly HashSet<long> _unmarked = [];

    /// <summary>Raised after messages were delivered; the screen turns "saved" into "sent".</summary>
    public event Action? Delivered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        outbox.Enqueued += Wake;
        link.Changed += OnConnectionChanged;
        var lastPrune = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await link.WaitUntilUpAsync(stoppingToken);
                int delivered;
                try
                {
                    delivered = await DeliverBatchAsync(stoppingToken);
                    if (delivered == 0 && time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                    {
                        outbox.Prune(TimeSpan.FromDays(1));
                        lastPrune = time.GetUtcNow();
                    }
                }
                catch (Exception e) when (StorageFailure.Is(e))
                {
                    // The disk failed a read or the prune: the loop must live on, the unsaved messages still go out.
                    Log.OutboxStorageFailed(logger, e.Message);
                    delivered = 0;
                }

                if (delivered > 0)
                {
                    Delivered?.Invoke();
                    continue;
                }

                // Nothing to send, or the broker refused: wait for new messages, a reconnect, or a retry tick.
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            outbox.Enqueued -= Wake;
            link.Changed -= OnConnectionChanged;
        }
    }

    /// <summary>
    /// Transcripts and chat expire on the broker (MQTT 5) with the kiosk's own retention (docs/privacy.md); an empty
    /// retained clear needs none.
    /// </summary>
    private TimeSpan? Expiry(OutboxMessage message) => message.Payload.Length == 0 ? null : storage.Value.FinishedCallRetention;

    private async Task<int> DeliverBatchAsync(CancellationToken stoppingToken)
    {
        foreach (var id in _unmarked.ToList())
        {
            if (TryMarkDelivered(id))
            {
                _unmarked.Remove(id);
            }
        }

        var delivered = 0;
        var saved = outbox.Pending(BatchSize + _unmarked.Count).Where(m => !_unmarked.Contains(m.Id)).ToList();
        foreach (var message in saved)
        {
            if (!await sender.TryDeliverAsync(message, Expiry(message), stoppingToken))
            {
                Log.OutboxWaiting(logger, outbox.PendingCount());
                return delivered; // keep the order: nothing after a message that did not go
            }

            if (!TryMarkDelivered(message.Id))
            {
                _unmarked.Add(message.Id);
            }

            delivered++;
        }

        if (saved.Count >= BatchSize)
        {
            return delivered; // more saved messages first; the unsaved ones are newer
        }

        foreach (var message in outbox.Unsaved())
        {
            if (!await sender.TryDeliverAsync(message, Expiry(message), stoppingToken))
            {
                Log.OutboxWaiting(logger, outbox.PendingCount());
                break;
            }

            outbox.ForgetUnsaved([message]);
            delivered++;
        }

        return delivered;
    }

    private bool TryMarkDelivered(long id)
    {
        try
        {
            outbox.MarkDelivered(id);
            return true;
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            return false;
        }
    }

    private void OnConnectionChanged(bool connected)
    {
        if (connected)
        {
            Wake();
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
