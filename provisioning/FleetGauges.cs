using KioskAssist.Protocol.Messages;
using Prometheus;

namespace KioskAssist.Provisioning;

/// <summary>
/// The exporter's series, labelled by <c>site</c> and <c>kiosk</c> (and <c>reason</c> for drops), refreshed from
/// <see cref="FleetObservations"/> before each scrape. A kiosk that leaves the registry and the broker leaves the
/// series too (unpublished), so a dashboard does not show a ghost.
/// </summary>
public sealed class FleetGauges(MetricFactory factory)
{
    private static readonly string[] Kiosk = ["site", "kiosk"];

    private readonly Gauge _up = factory.CreateGauge("kioskassist_kiosk_up", "1 when the kiosk's retained presence says online, 0 otherwise.", Kiosk);
    private readonly Gauge _revoked = factory.CreateGauge("kioskassist_kiosk_revoked", "1 when every certificate of the kiosk is revoked.", Kiosk);
    private readonly Gauge _answered = factory.CreateGauge("kioskassist_kiosk_answered_today", "Typed questions the model answered today (UTC).", Kiosk);
    private readonly Gauge _rejected = factory.CreateGauge("kioskassist_kiosk_rejected_today", "Typed questions the model was unsure of today.", Kiosk);
    private readonly Gauge _help = factory.CreateGauge("kioskassist_kiosk_help_requested_today", "Calls for a person started today.", Kiosk);
    private readonly Gauge _handed = factory.CreateGauge("kioskassist_kiosk_handed_to_person_today", "Claims accepted today.", Kiosk);
    private readonly Gauge _backlog = factory.CreateGauge("kioskassist_kiosk_outbox_backlog", "Messages waiting in the kiosk's outbox.", Kiosk);
    private readonly Gauge _disk = factory.CreateGauge("kioskassist_kiosk_disk_free_bytes", "Free bytes where the kiosk's database lives.", Kiosk);
    private readonly Gauge _dropped = factory.CreateGauge("kioskassist_kiosk_dropped_messages", "Incoming messages the kiosk dropped since it started, by reason.", ["site", "kiosk", "reason"]);
    private readonly Gauge _uptime = factory.CreateGauge("kioskassist_kiosk_uptime_seconds", "Seconds since the kiosk process started, as of its last metrics.", Kiosk);
    private readonly Gauge _metricsAge = factory.CreateGauge("kioskassist_kiosk_metrics_timestamp_seconds", "When the kiosk made its last metrics message (Unix seconds).", Kiosk);
    private readonly Gauge _info = factory.CreateGauge("kioskassist_kiosk_info", "1, labelled with what the kiosk runs.", ["site", "kiosk", "firmware", "model", "answers"]);
    private readonly Lock _gate = new();

    public void Update(FleetObservations seen, IReadOnlyList<(string Site, string Kiosk, bool Revoked)> registered)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(registered);
        lock (_gate)
        {
            foreach (var gauge in new[] { _up, _revoked, _answered, _rejected, _help, _handed, _backlog, _disk, _dropped, _uptime, _metricsAge, _info })
            {
                foreach (var labels in gauge.GetAllLabelValues().ToList())
                {
                    gauge.RemoveLabelled(labels);
                }
            }

            var revoked = registered.ToDictionary(k => (k.Site, k.Kiosk), k => k.Revoked);
            foreach (var (site, kiosk) in revoked.Keys.Union(seen.Kiosks()))
            {
                var presence = seen.PresenceOf(site, kiosk);
                _up.WithLabels(site, kiosk).Set(presence?.Status == "online" ? 1 : 0);
                _revoked.WithLabels(site, kiosk).Set(revoked.GetValueOrDefault((site, kiosk)) ? 1 : 0);
                if (seen.MetricsOf(site, kiosk) is not { } metrics)
                {
                    continue;
                }

                Counts(site, kiosk, metrics);
                _info.WithLabels(site, kiosk, metrics.Firmware, metrics.Model, metrics.Answers).Set(1);
            }
        }
    }

    private void Counts(string site, string kiosk, KioskMetricsMessage metrics)
    {
        _answered.WithLabels(site, kiosk).Set(metrics.Today.Answered);
        _rejected.WithLabels(site, kiosk).Set(metrics.Today.Rejected);
        _help.WithLabels(site, kiosk).Set(metrics.Today.HelpRequested);
        _handed.WithLabels(site, kiosk).Set(metrics.Today.HandedToPerson);
        _uptime.WithLabels(site, kiosk).Set(metrics.UptimeSeconds);
        _metricsAge.WithLabels(site, kiosk).Set(metrics.At.ToUnixTimeMilliseconds() / 1000.0);
        if (metrics.Health is not { } health)
        {
            return;
        }

        _backlog.WithLabels(site, kiosk).Set(health.OutboxBacklog);
        if (health.DiskFreeBytes is { } free)
        {
            _disk.WithLabels(site, kiosk).Set(free);
        }

        foreach (var (reason, count) in health.DroppedByReason)
        {
            _dropped.WithLabels(site, kiosk, reason).Set(count);
        }
    }
}
