using System.Buffers;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// The kiosk's edge to the broker: owns the <see cref="BrokerConnection"/>, announces presence (with a Last Will),
/// and turns what arrives — agents' actions on this kiosk's requests, the desks' queue — into calls on the
/// <see cref="HelpCallCoordinator"/>; fleet commands and rollout packages go to the <see cref="RolloutInbox"/>.
/// Anything malformed is logged, counted and dropped.
/// </summary>
public sealed class KioskBrokerLink : BackgroundService, IBrokerLinkState, IOutboxSender, IMetricsReporter, IAsyncDisposable
{
    private readonly BrokerConnection _connection;
    private readonly TopicRoute[] _routes;
    private int _disposed;
    private readonly HelpCallCoordinator _help;
    private readonly KioskOptions _kiosk;
    private readonly string _bridgeStateTopic;
    private readonly KioskVersions _versions;
    private readonly RolloutInbox _rollouts;
    private readonly MessageCounters _counters;
    private readonly DeskClaims _claims;
    private readonly TimeProvider _time;
    private readonly Pos.PosIntake _pos;
    private readonly string _posTopic;
    private readonly ILogger<KioskBrokerLink> _logger;
    private readonly CertificateInbox _certificates;
    private DateTimeOffset? _onlineSince; // written and read only in OnConnectedAsync, one connect at a time

    public KioskBrokerLink(
        IOptions<BrokerSettings> settings, IOptions<KioskOptions> kiosk, IOptions<HelpOptions> helpOptions, HelpCallCoordinator help, KioskVersions versions,
        RolloutInbox rollouts,
        MessageCounters counters, DeskClaims claims, TimeProvider time, ILogger<KioskBrokerLink> logger, CertificateInbox certificates,
        Pos.PosIntake pos)
    {
        _certificates = certificates;
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(helpOptions);
        (_help, _kiosk, _versions, _rollouts, _counters, _claims, _time, _logger) = (help, kiosk.Value, versions, rollouts, counters, claims, time, logger);
        _bridgeStateTopic = helpOptions.Value.BridgeStateTopic;
        _pos = pos;
        _posTopic = Topics.PosEvents(_kiosk.Site, _kiosk.Id);
        var effective = EffectiveSettings(settings.Value);
        _connection = new BrokerConnection(effective, $"kiosk-{_kiosk.Site}-{_kiosk.Id}", new LastWill(
            Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("offline"))), time, logger)
        {
            MessageReceived = OnMessageAsync,
            Connected = OnConnectedAsync,
            // The largest thing a kiosk reads is a rollout package; anything larger is refused by the broker for it.
            MaximumPacketBytes = (uint)(RolloutMessage.MaxPackageBytes + (64 * 1024)),
        };
        BrokerDescription = effective.Describe();
        _routes = Routes();
    }

    /// <summary>
    /// Every topic the kiosk reads, and who handles it: the first matching row wins; one no row takes is dropped as
    /// unknown. A new topic is a new row (and a subscription in <see cref="ExecuteAsync"/>).
    /// </summary>
    private TopicRoute[] Routes() =>
    [
        new("the desks' queue", topic => topic == Topics.Queue, OnQueue),
        new("the bridge to central", topic => _bridgeStateTopic.Length > 0 && topic == _bridgeStateTopic, OnBridgeState),
        new("an agent's action on this kiosk's request", IsAgentActionForThisKiosk, OnAgentAction),
        new("staff on their way", IsStaffAckForThisKiosk, OnStaffAck),
        // Before the fleet commands' row: the certificate topic sits under the same subtree.
        new("this kiosk's renewed certificate", topic => topic == FleetTopics.Certificate(_kiosk.Site, _kiosk.Id), OnCertificate),
        new("fleet commands and rollout packages", IsFleetTopic, (topic, payload) => _rollouts.Post(topic, payload.ToArray())),
        // The POS link counts and logs its own (docs/pos.md, /health "pos").
        new("the checkout's events (POS)", topic => topic == _posTopic, (topic, payload) => _pos.Receive(payload, topic)),
    ];

    /// <inheritdoc />
    public bool IsUp => _connection.IsConnected;

    /// <inheritdoc />
    public event Action<bool>? Changed
    {
        add => _connection.ConnectionChanged += value;
        remove => _connection.ConnectionChanged -= value;
    }

    /// <summary>Whether the broker accepted MQTT 5 (it reports refused publishes; 3.1.1 drops them silently).</summary>
    public bool UsesMqtt5 => _connection.UsesMqtt5;

    /// <inheritdoc />
    public Task WaitUntilUpAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDeliverAsync(OutboxMessage message, TimeSpan? expiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _connection.TryPublishAsync(message.Topic, message.Payload, message.Retain, expiry, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> TryPublishMetricsAsync(KioskMetricsMessage report, CancellationToken cancellationToken) =>
        _connection.TryPublishAsync(Topics.Metrics(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(report), retain: true, cancellationToken);

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
        string[] filters = [Topics.AgentActionsFor(_kiosk.Site, _kiosk.Id), Topics.Queue, FleetTopics.CommandsFor(_kiosk.Site, _kiosk.Id), Topics.StaffAcksFor(_kiosk.Site, _kiosk.Id), _posTopic];
        await _connection.SubscribeAsync(_bridgeStateTopic.Length > 0 ? [.. filters, _bridgeStateTopic] : filters, stoppingToken);
        await _connection.RunAsync(stoppingToken);
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        // A new connection is a new online period: the broker said offline (Last Will) if the last one broke.
        _onlineSince = _time.GetUtcNow();
        await AnnounceAsync(cancellationToken);
        _help.Reannounce();
        _rollouts.PostConnected();
        _certificates.PostConnected();
    }

    /// <summary>Publishes presence (online, with the active versions); again after a rollout changed one.</summary>
    public Task<bool> AnnounceAsync(CancellationToken cancellationToken) =>
        _connection.TryPublishAsync(Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("online")), retain: true, cancellationToken);

    /// <summary>Retained, so the operator sees the latest outcome even if it was not watching. False when not sent.</summary>
    public Task<bool> PublishRolloutReportAsync(RolloutReportMessage report, CancellationToken cancellationToken) =>
        _connection.TryPublishAsync(FleetTopics.RolloutReport(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(report), retain: true, cancellationToken);

    /// <summary>Subscribes to one retained package; the broker sends it at once. Kept across reconnects until stopped.</summary>
    public Task FetchPackageAsync(string sha256, CancellationToken cancellationToken) =>
        _connection.SubscribeAsync([FleetTopics.Package(sha256)], cancellationToken);

    public Task StopFetchingPackageAsync(string sha256, CancellationToken cancellationToken) =>
        _connection.UnsubscribeAsync([FleetTopics.Package(sha256)], cancellationToken);

    /// <summary>Retained: the kiosk's certificate request (PEM) for the operator's <c>kafleet certs sign-pending</c>. False when not sent.</summary>
    public Task<bool> PublishCertificateRequestAsync(string pem, CancellationToken cancellationToken) =>
        _connection.TryPublishAsync(FleetTopics.CertificateRequest(_kiosk.Site, _kiosk.Id), System.Text.Encoding.ASCII.GetBytes(pem), retain: true, cancellationToken);

    /// <summary>Clears the retained request once its certificate is in use.</summary>
    public Task<bool> ClearCertificateRequestAsync(CancellationToken cancellationToken) =>
        _connection.TryPublishAsync(FleetTopics.CertificateRequest(_kiosk.Site, _kiosk.Id), [], retain: true, cancellationToken);

    /// <summary>Reconnects at once, reading the client certificate and key files again (a renewed certificate).</summary>
    public Task ReconnectAsync(CancellationToken cancellationToken) => _connection.ReconnectAsync(cancellationToken);

    /// <summary>The shopper is typing: QoS 0, not retained, not through the outbox (a late hint is worthless). False when not sent.</summary>
    public Task<bool> PublishTypingAsync(ShopperTypingMessage typing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typing);
        return _connection.TryPublishHintAsync(Topics.Typing(_kiosk.Site, _kiosk.Id, typing.RequestId), ProtocolJson.Encode(typing), cancellationToken);
    }

    private Task OnMessageAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (Array.Find(_routes, route => route.Matches(topic)) is { } route)
        {
            route.Handle(topic, payload);
        }
        else
        {
            Drop(topic, DropReason.UnknownTopic, "not a topic this kiosk reads");
        }

        return Task.CompletedTask;
    }

    private void OnQueue(string topic, ReadOnlySequence<byte> payload)
    {
        if (Decode<QueueMessage>(topic, payload) is { } queue)
        {
            _counters.CountAccepted();
            _help.OnQueue(queue);
        }
    }

    private void OnCertificate(string topic, ReadOnlySequence<byte> payload)
    {
        // An empty payload is the operator clearing the retained certificate: nothing to install.
        if (payload.Length > 0 && !_certificates.Post(payload.ToArray()))
        {
            Drop(topic, DropReason.Malformed, "larger than a certificate");
        }
    }

    private bool IsAgentActionForThisKiosk(string topic) =>
        Topics.TryParseAgentTopic(topic, out var site, out var kiosk, out _, out _) && site == _kiosk.Site && kiosk == _kiosk.Id;

    private bool IsStaffAckForThisKiosk(string topic) =>
        Topics.TryParseRequestTopic(topic, "staffack", out var site, out var kiosk, out _) && site == _kiosk.Site && kiosk == _kiosk.Id;

    private bool IsFleetTopic(string topic) =>
        topic.StartsWith(FleetTopics.CommandsFor(_kiosk.Site, _kiosk.Id).TrimEnd('#'), StringComparison.Ordinal)
        || FleetTopics.PackageSha256(topic) is not null;

    private void OnStaffAck(string topic, ReadOnlySequence<byte> payload)
    {
        Topics.TryParseRequestTopic(topic, "staffack", out _, out _, out var requestId);
        if (Decode<StaffAckMessage>(topic, payload) is { } ack)
        {
            Count(_help.ApplyStaffAck(ack, requestId));
        }
    }

    /// <summary>
    /// An agent's action, sent through <paramref name="desk"/> (the topic's last level, which the broker's ACL pins to
    /// the desk's login). The first claim records the desk; until the request is released or finished, only that desk
    /// may act on it, whatever agent id its payload names. The coordinator decides the rest.
    /// </summary>
    private void OnAgentAction(string topic, ReadOnlySequence<byte> payload)
    {
        Topics.TryParseAgentTopic(topic, out _, out _, out var requestId, out var desk);
        if (desk.Length == 0)
        {
            // The version-1 topic without the desk level: nothing says who sent it, so it is never acted on.
            Drop(topic, DropReason.MissingDesk, "an agent action without the desk level (ka/v1/agent/{site}/{kiosk}/{request}/{desk})");
            return;
        }

        if (Decode<AgentActionMessage>(topic, payload) is not { } action)
        {
            return;
        }

        var claimedBy = _claims.DeskOf(requestId);
        if (action.Type != AgentActionType.Claim && claimedBy != desk && (claimedBy is not null || IsClaimed(requestId)))
        {
            _counters.CountDropped(DropReason.WrongDesk);
            Log.AgentActionFromWrongDesk(_logger, action.Type.ToString(), requestId, desk, claimedBy ?? "(not recorded)");
            return;
        }

        // The coordinator logs every action with what became of it; here it is only counted.
        var result = _help.Apply(action, requestId);
        if (result == ActionResult.Applied && action.Type == AgentActionType.Claim)
        {
            _claims.Claimed(requestId, desk);
        }
        else if (result == ActionResult.Applied && action.Type is AgentActionType.Release or AgentActionType.Resolve)
        {
            _claims.Forget(requestId);
        }

        Count(result);
    }

    /// <summary>Counts what the coordinator did with an action or acknowledgement (it logs each itself).</summary>
    private void Count(ActionResult result)
    {
        switch (result)
        {
            case ActionResult.Applied:
                _counters.CountAccepted();
                break;
            case ActionResult.Duplicate:
                _counters.CountDropped(DropReason.Duplicate);
                break;
            case ActionResult.UnknownRequest:
                _counters.CountDropped(DropReason.UnknownRequest);
                break;
            default:
                _counters.CountDropped(DropReason.Refused);
                break;
        }
    }

    /// <summary>
    /// The request is this kiosk's call and an agent holds it: with no desk recorded (a claim saved just before a
    /// crash) nobody can prove which desk claimed, so no desk may act until the request is released or expires.
    /// </summary>
    private bool IsClaimed(string requestId) =>
        _help.View() is { } call && call.RequestId == requestId && call.State is HelpState.Assigned or HelpState.Connected;

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
            Drop(topic, DropReason.Malformed, "a bridge state must be 1 or 0");
        }
    }

    private T? Decode<T>(string topic, ReadOnlySequence<byte> payload) where T : class, IProtocolMessage
    {
        if (ProtocolJson.TryDecode<T>(payload, out var message, out var problem, out var failure))
        {
            return message;
        }

        Drop(topic, MessageCounters.ReasonFor(failure), problem);
        return null;
    }

    private void Drop(string topic, DropReason reason, string problem)
    {
        _counters.CountDropped(reason);
        Log.MessageDropped(_logger, topic, problem);
    }

    private PresenceMessage Presence(string status) =>
        new(_kiosk.Site, _kiosk.Id, status, _versions.Firmware, _versions.Model, _time.GetUtcNow())
        {
            Answers = _versions.Answers,
            OnlineSince = status == "online" ? _onlineSince : null,
        };

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Say goodbye if the broker is there; the Last Will says it otherwise. Never hold up shutdown for it.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await _connection.TryPublishAsync(Topics.Presence(_kiosk.Site, _kiosk.Id), ProtocolJson.Encode(Presence("offline")), retain: true, patience.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await base.StopAsync(cancellationToken);
    }

    /// <summary>Says goodbye to the broker (when connected) and lets the connection go; the host awaits this.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            base.Dispose();
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Never blocks (a host disposing synchronously must not wait on the network): the goodbye goes on without the
    /// caller, and a failure in it is only logged.
    /// </summary>
    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            base.Dispose();
            _ = LetGoAsync();
        }
    }

    private async Task LetGoAsync()
    {
        try
        {
            await _connection.DisposeAsync();
        }
#pragma warning disable CA1031 // Nobody waits on this: a failed goodbye is logged, never thrown into nowhere.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.BrokerLinkDisposeFailed(_logger, e.Message);
        }
    }
}
