using System.Threading.Channels;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// Publishes the kiosk's <see cref="KioskMetricsMessage"/>, retained, at every connect and every
/// <c>Fleet:MetricsIntervalSeconds</c>. Not through the outbox: each message replaces the last, so one missed while
/// the broker is away is worth nothing once the next connect publishes a fresh one.
/// </summary>
public sealed class MetricsPublisher : BackgroundService
{
    private readonly IBrokerLinkState _link;
    private readonly IMetricsReporter _reporter;
    private readonly KioskMetrics _metrics;
    private readonly KioskVersions _versions;
    private readonly KioskOptions _kiosk;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<MetricsPublisher> _logger;

    // A connect while a publish is under way needs one more publish, not one per connect.
    private readonly Channel<bool> _connects = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public MetricsPublisher(
        IBrokerLinkState link, IMetricsReporter reporter, KioskMetrics metrics, KioskVersions versions, IOptions<KioskOptions> kiosk, IOptions<FleetOptions> options,
        TimeProvider time, ILogger<MetricsPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(options);
        (_link, _reporter, _metrics, _versions, _kiosk, _time, _logger) = (link, reporter, metrics, versions, kiosk.Value, time, logger);
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
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                _connects.Reader.TryRead(out _);
                if (_link.IsUp)
                {
                    var message = Current();
                    if (await _reporter.TryPublishMetricsAsync(message, stoppingToken))
                    {
                        Log.MetricsPublished(_logger, message.Today.Answered, message.Today.Rejected, message.Today.HandedToPerson);
                    }
                }

                // Until the next interval or the next connect, whichever comes first.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(Task.Delay(_interval, _time, wait.Token), _connects.Reader.WaitToReadAsync(wait.Token).AsTask());
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
