using KioskAssist.FirmwareHost.Storage;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>Delivers one outbox row to the broker: what <see cref="OutboxDelivery"/> needs from the link.</summary>
public interface IOutboxSender
{
    /// <summary>
    /// Publishes the row at QoS 1 and waits for the broker's acknowledgement. <paramref name="expiry"/> is the broker's
    /// message expiry (MQTT 5; none when null). False when not delivered (not connected, or the broker refused it).
    /// </summary>
    Task<bool> TryDeliverAsync(OutboxMessage message, TimeSpan? expiry, CancellationToken cancellationToken);
}
