using System.Threading.Channels;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Publishes the kiosk's <see cref="KioskMetricsMessage"/>, retained, at every connect, every
/// <c>Fleet:MetricsIntervalSeconds</c>, and when what it says changed (a count, a version, the backlog, a drop), at most
/// every <see cref="ChangeThrottle"/>, so the operator sees an answer within seconds rather than a minute. Not through the outbox: each message replaces the last, so one missed while
/// the broker is away is worth nothing once the next connect publishes a fresh one.
/// </summary>
public sealed class MetricsPublisher : BackgroundService
{
    private readonly IBrokerLinkState _link;
    private readonly IMetricsReporter _reporter;
    private readonly KioskMetrics _metrics;
    private readonly KioskVersions _versions;
    private readonly KioskHealthProbe _health;
    private readonly KioskOptions _kiosk;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsPublisher> _logger;

    // A connect while a publish is under way needs one more publish, not one per connect.
    private readonly Channel<bool> _connects = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public MetricsPublisher(
        IBrokerLinkState link, IMetricsReporter reporter, KioskMetrics metrics, KioskVersions versions, IOptions<KioskOptions> kiosk, IOptions<FleetOptions> options,
        TimeProvider time, ILogger<MetricsPublisher> logger, KioskHealthProbe health)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(options);
        (_link, _reporter, _metrics, _versions, _kiosk, _time, _logger, _health) = (link, reporter, metrics, versions, kiosk.Value, time, logger, health);
        _interval = TimeSpan.FromSeconds(options.Value.MetricsIntervalSeconds);

        // Subscribed here, before any hosted service starts, so the first connect is never missed.
        _link.Changed += OnConnectionChanged;
    }

    /// <summary>The message as it would be published now.</summary>
    public KioskMetricsMessage Current()
    {
        var snapshot = _metrics.Snapshot();
        return new KioskMetricsMessage(
            _kiosk.Site, _kiosk.Id, snapshot.At, snapshot.StartedAt, snapshot.UptimeSeconds, _versions.Firmware, _versions.Model, _versions.Answers,
            snapshot.SinceStart, snapshot.Day, snapshot.Today, snapshot.MedianSecondsToClaimToday)
        {
            RatingsSinceStart = snapshot.RatingsSinceStart,
            RatingsToday = snapshot.RatingsToday,
            Health = _health.Read(),
        };
    }

    /// <summary>A change is published at most this often: a busy kiosk sends one message per 5 s, not one per question.</summary>
    public static readonly TimeSpan ChangeThrottle = TimeSpan.FromSeconds(5);

    /// <summary>What a message says apart from its time and free disk (which moves all the time), to tell whether anything changed.</summary>
    private static string Content(KioskMetricsMessage message) =>
        System.Text.Json.JsonSerializer.Serialize(
            message with { At = default, UptimeSeconds = 0, Health = message.Health is null ? null : message.Health with { DiskFreeBytes = null } }, ProtocolJson.Options);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            string? published = null;
            var due = _time.GetUtcNow();
            var tick = _interval < ChangeThrottle ? _interval : ChangeThrottle;
            while (!stoppingToken.IsCancellationRequested)
            {
                var connected = _connects.Reader.TryRead(out _);
                if (_link.IsUp)
                {
                    var message = Current();
                    var content = Content(message);
                    // On a connect, when the interval is due, or when something changed since the last message.
                    if ((connected || published is null || message.At >= due || content != published)
                        && await _reporter.TryPublishMetricsAsync(message, stoppingToken))
                    {
                        published = content;
                        due = message.At + _interval;
                        Log.MetricsPublished(_logger, message.Today.Answered, message.Today.Rejected, message.Today.HandedToPerson);
                    }
                }

                // Until the next look for a change or the next connect, whichever comes first.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(tick, _time, wait.Token), _connects.Reader.WaitToReadAsync(wait.Token).AsTask());
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnConnectionChanged(bool connected)
    {
        if (connected)
        {
            _connects.Writer.TryWrite(true);
        }
    }

    public override void Dispose()
    {
        _link.Changed -= OnConnectionChanged;
        base.Dispose();
    }
}
