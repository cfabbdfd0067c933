using KioskAssist.AgentDesk.Hosting;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// The desk's one broker connection (<see cref="BrokerConnection"/>): feeds everything it reads to
/// <see cref="MessageIntake"/>, sends agents' actions, and publishes the desk's retained presence (Last Will offline)
/// and the retained queue whenever it changes and every <see cref="DeskOptions.QueueIntervalSeconds"/>.
/// </summary>
/// <remarks>Singleton; thread-safe. The host disposes it, which closes the connection.</remarks>
public sealed partial class DeskBrokerLink : BackgroundService, IKioskActions, IAsyncDisposable
{
    private readonly DeskState _state;
    private readonly TimeProvider _time;
    private readonly ILogger<DeskBrokerLink> _logger;
    private readonly BrokerConnection _connection;
    private readonly TimeSpan _queueInterval;
    private readonly string[] _sites;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private QueueMessage? _lastQueue;
    private DateTimeOffset _lastQueueAt;
    private int _lastAgents = -1;

    public DeskBrokerLink(IOptions<BrokerSettings> broker, IOptions<DeskOptions> desk, DeskState state, MessageIntake intake, TimeProvider time, ILogger<DeskBrokerLink> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(intake);
        _state = state;
        _time = time;
        _logger = logger;
        _queueInterval = TimeSpan.FromSeconds(desk.Value.QueueIntervalSeconds);
        _sites = desk.Value.Sites;
        var offline = new DeskPresenceMessage(state.DeskId, "offline", 0, time.GetUtcNow());
        _connection = new BrokerConnection(
            broker.Value, state.DeskId, new LastWill(Topics.DeskPresence(state.DeskId), ProtocolJson.Encode(offline)), time, logger)
        {
            MaximumPacketBytes = MaximumPacketBytes,
            MessageReceived = (topic, payload) =>
            {
                intake.Handle(topic, payload);
                return Task.CompletedTask;
            },
            Connected = async cancellationToken =>
            {
                _lastAgents = -1; // after every (re)connect: say we are online and what the queue is
                _lastQueue = null;
                await PublishAsync(cancellationToken);
            },
        };
        _connection.ConnectionChanged += state.SetBrokerConnected;
    }

    /// <summary>
    /// A desk reads protocol payloads only (at most 256 KiB, with room for the topic): on MQTT 5 the broker drops anything
    /// larger for it instead of sending it.
    /// </summary>
    public const uint MaximumPacketBytes = 2 * ProtocolJson.MaxPayloadBytes;

    public bool IsConnected => _connection.IsConnected;

    /// <summary>On the request's topic for this desk: the broker lets this desk's login write only topics ending in its id.</summary>
    public async Task<bool> SendAsync(RequestKey request, AgentActionMessage action, CancellationToken cancellationToken) =>
        await _connection.TryPublishAsync(
            Topics.AgentAction(request.Site, request.Kiosk, request.RequestId, _state.DeskId), ProtocolJson.Encode(action), retain: false, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A desk serving named sites reads only theirs (the broker's ACL grants no more); none named: every site.
        string[] reads = _sites.Length > 0
            ? [.. _sites.SelectMany(Topics.SiteReads), .. _sites.SelectMany(SideTopicsFor)]
            : [Topics.AllRequests, Topics.AllChats, Topics.AllPresence, .. SideTopics];
        await _connection.SubscribeAsync([.. reads, Topics.AllDesks], stoppingToken);
        await Task.WhenAll(_connection.RunAsync(stoppingToken), PublishLoopAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A clean stop fires no Last Will: say offline ourselves, best effort, before the connection closes.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var offline = new DeskPresenceMessage(_state.DeskId, "offline", 0, _time.GetUtcNow());
            await _connection.TryPublishAsync(Topics.DeskPresence(_state.DeskId), ProtocolJson.Encode(offline), retain: true, patience.Token);
        }
        catch (OperationCanceledException)
        {
            // The Last Will is not sent on a clean disconnect; other desks see us again at our next start.
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        var seen = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                seen = _state.Version;
                await PublishAsync(stoppingToken);
                await _state.WaitForChangeAsync(seen, stoppingToken).WaitAsync(_queueInterval, _time, stoppingToken);
            }
            catch (TimeoutException)
            {
                // Nothing changed for a while: the next round re-publishes the queue with a fresh time.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Publishes presence when the number of agents here changed, the queue when it changed or is due.</summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            return;
        }

        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var agents = _state.LocalAgents;
            if (agents != _lastAgents)
            {
                var presence = new DeskPresenceMessage(_state.DeskId, "online", agents, _time.GetUtcNow());
                if (await _connection.TryPublishAsync(Topics.DeskPresence(_state.DeskId), ProtocolJson.Encode(presence), retain: true, cancellationToken))
                {
                    _lastAgents = agents;
                }
                else
                {
                    Log.PublishFailed(_logger, "desk presence");
                }
            }

            var queue = _state.Queue();
            if (_lastQueue is null || !SameQueue(queue, _lastQueue) || _time.GetUtcNow() - _lastQueueAt >= _queueInterval)
            {
                if (await _connection.TryPublishAsync(Topics.Queue, ProtocolJson.Encode(queue), retain: true, cancellationToken))
                {
                    _lastQueue = queue;
                    _lastQueueAt = queue.At;
                }
                else
                {
                    Log.PublishFailed(_logger, "queue");
                }
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    private static bool SameQueue(QueueMessage a, QueueMessage b) =>
        a.AgentsOnline == b.AgentsOnline && a.MedianSecondsToClaim == b.MedianSecondsToClaim && a.Open.SequenceEqual(b.Open);

    public override void Dispose()
    {
        _publishing.Dispose();
        base.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Dispose();
    }
}
