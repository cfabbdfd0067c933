using System.Buffers;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// The kiosk's edge to the broker: owns the <see cref="BrokerConnection"/>, announces presence (with a Last Will),
/// and turns what arrives — agents' actions on this kiosk's requests, the desks' queue — into calls on the
/// <see cref="HelpCallCoordinator"/>. Anything malformed is logged, counted and dropped.
/// </summary>
public sealed class KioskBrokerLink : BackgroundService
{
    private readonly HelpCallCoordinator _help;
    private readonly KioskOptions _kiosk;
    private readonly string _bridgeStateTopic;
    private readonly IntentModel _model;
    private readonly MessageCounters _counters;
    private readonly TimeProvider _time;
    private readonly ILogger<KioskBrokerLink> _logger;

    public KioskBrokerLink(
        IOptions<BrokerSettings> settings, IOptions<KioskOptions> kiosk, IOptions<HelpOptions> helpOptions, HelpCallCoordinator help, IntentModel model,
        MessageCounters counters, TimeProvider time, ILogger<KioskBrokerLink> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(helpOptions);
        (_help, _kiosk, _model, _counters, _time, _logger) = (help, kiosk.Value, model, counters, time, logger);
        _bridgeStateTopic = helpOptions.Value.BridgeStateTopic;
        var effective = EffectiveSettings(settings.Value);
        Connection = new BrokerConnection(effective, $"kiosk-{_kiosk.Site}-{_kiosk.Id}", new LastWill(
            Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("offline"))), time, logger)
        {
            MessageReceived = OnMessageAsync,
            Connected = OnConnectedAsync,
        };
        BrokerDescription = effective.Describe();
    }

    public BrokerConnection Connection { get; }

    public string BrokerDescription { get; }

    /// <summary>An empty host means the embedded broker on loopback.</summary>
    private static BrokerSettings EffectiveSettings(BrokerSettings configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (configured.Host.Length > 0)
        {
            return configured;
        }

        return new BrokerSettings
        {
            Host = "127.0.0.1",
            Port = configured.Port,
            ProtocolVersion = configured.ProtocolVersion,
            KeepAliveSeconds = configured.KeepAliveSeconds,
            ReconnectMinSeconds = configured.ReconnectMinSeconds,
            ReconnectMaxSeconds = configured.ReconnectMaxSeconds,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string[] filters = _bridgeStateTopic.Length > 0
            ? [Topics.AgentActionsFor(_kiosk.Site, _kiosk.Id), Topics.Queue, _bridgeStateTopic]
            : [Topics.AgentActionsFor(_kiosk.Site, _kiosk.Id), Topics.Queue];
        await Connection.SubscribeAsync(filters, stoppingToken);
        await Connection.RunAsync(stoppingToken);
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        await Connection.TryPublishAsync(Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("online")), retain: true, cancellationToken);
        _help.Reannounce();
    }

    private Task OnMessageAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (topic == Topics.Queue)
        {
            if (Decode<QueueMessage>(topic, payload) is { } queue)
            {
                _help.OnQueue(queue);
            }
        }
        else if (_bridgeStateTopic.Length > 0 && topic == _bridgeStateTopic)
        {
            OnBridgeState(topic, payload);
        }
        else if (Topics.TryParseRequestTopic(topic, "agent", out var site, out var kiosk, out var requestId)
            && site == _kiosk.Site && kiosk == _kiosk.Id)
        {
            if (Decode<AgentActionMessage>(topic, payload) is { } action)
            {
                _help.Apply(action, requestId);
            }
        }
        else
        {
            Drop(topic, "not a topic this kiosk reads");
        }

        return Task.CompletedTask;
    }

    /// <summary>Mosquitto's bridge notification: "1" up, "0" down (retained, so it comes on every subscribe).</summary>
    private void OnBridgeState(string topic, ReadOnlySequence<byte> payload)
    {
        var state = payload.Length == 1 ? payload.FirstSpan[0] : (byte)0xff;
        if (state is (byte)'0' or (byte)'1')
        {
            _counters.CountAccepted();
            _help.OnBridgeChanged(up: state == (byte)'1');
        }
        else
        {
            Drop(topic, "a bridge state must be 1 or 0");
        }
    }

    private T? Decode<T>(string topic, ReadOnlySequence<byte> payload) where T : class, IProtocolMessage
    {
        if (ProtocolJson.TryDecode<T>(payload, out var message, out var problem))
        {
            _counters.CountAccepted();
            return message;
        }

        Drop(topic, problem!);
        return null;
    }

    private void Drop(string topic, string problem)
    {
        _counters.CountDropped();
        Log.MessageDropped(_logger, topic, problem);
    }

    private PresenceMessage Presence(string status) =>
        new(_kiosk.Site, _kiosk.Id, status, KioskOptions.Firmware, _model.Version, _time.GetUtcNow());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Say goodbye if the broker is there; the Last Will says it otherwise. Never hold up shutdown for it.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await Connection.TryPublishAsync(Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("offline")), retain: true, patience.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        Connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }
}
