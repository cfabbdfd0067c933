using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>Publishes the kiosk's metrics report: what the metrics publisher needs from the link.</summary>
public interface IMetricsReporter
{
    /// <summary>Publishes <paramref name="report"/> retained on this kiosk's metrics topic. False when not sent.</summary>
    Task<bool> TryPublishMetricsAsync(KioskMetricsMessage report, CancellationToken cancellationToken);
}
