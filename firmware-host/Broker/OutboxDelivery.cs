using KioskAssist.FirmwareHost.Storage;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// Delivers the outbox in order whenever the broker is reachable: publish at QoS 1, wait for the broker's
/// acknowledgement, then mark delivered. A crash between the two means one more delivery after restart,
/// which receivers drop by id or revision — never a loss.
/// </summary>
public sealed class OutboxDelivery(Outbox outbox, KioskBrokerLink link, TimeProvider time, ILogger<OutboxDelivery> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Raised after messages were delivered; the screen turns "saved" into "sent".</summary>
    public event Action? Delivered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        outbox.Enqueued += Wake;
        link.Connection.ConnectionChanged += OnConnectionChanged;
        var lastPrune = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await link.Connection.WaitUntilConnectedAsync(stoppingToken);
                var delivered = await DeliverBatchAsync(stoppingToken);
                if (delivered > 0)
                {
                    Delivered?.Invoke();
                    continue;
                }

                if (time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                {
                    outbox.Prune(TimeSpan.FromDays(1));
                    lastPrune = time.GetUtcNow();
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
            link.Connection.ConnectionChanged -= OnConnectionChanged;
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken stoppingToken)
    {
        var delivered = 0;
        foreach (var message in outbox.Pending(BatchSize))
        {
            if (!await link.Connection.TryPublishAsync(message.Topic, message.Payload, message.Retain, stoppingToken))
            {
                Log.OutboxWaiting(logger, outbox.PendingCount());
                break; // keep the order: nothing after a message that did not go
            }

            outbox.MarkDelivered(message.Id);
            delivered++;
        }

        return delivered;
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
