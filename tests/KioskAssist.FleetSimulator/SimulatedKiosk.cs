using System.Buffers;
using System.Threading.Channels;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace KioskAssist.FleetSimulator;

/// <summary>
/// One kiosk as the broker and the desks see it: its own connection with the kiosk's client id
/// (<c>kiosk-{site}-{kiosk}</c>, persistent session, Last Will), presence, its retained request with revisions, the
/// first valid claim accepted and republished as <c>assigned</c>, the assigned agent's resolve published as
/// <c>resolved</c> and then cleared with an empty retained payload — protocol v1 as <c>HelpCallCoordinator</c> speaks it,
/// without the screen, the model or SQLite.
/// </summary>
/// <remarks>
/// Publishes go through a per-kiosk queue drained by one loop, in order, because the receive callback must not wait
/// for the broker's acknowledgement. Thread-safe. Dispose after <see cref="RunAsync"/> ended.
/// </remarks>
public sealed class SimulatedKiosk : IAsyncDisposable
{
    private const string Firmware = "fleetsim";
    private readonly Lock _gate = new();
    private readonly BrokerConnection _connection;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _appliedActions = new(StringComparer.Ordinal);
    private readonly SimulatorCounters _counters;
    private readonly SimulationClock _clock;
    private readonly ILogger _logger;
    private (HelpRequestMessage Message, RequestRecord Record)? _call;

    public SimulatedKiosk(BrokerSettings settings, string site, string kiosk, SimulatorCounters counters, SimulationClock clock, ILogger logger)
    {
        (Site, Id, _counters, _clock, _logger) = (Ids.Check(site), Ids.Check(kiosk), counters, clock, logger);
        _connection = new BrokerConnection(settings, $"kiosk-{site}-{kiosk}", new LastWill(Topics.Presence(site, kiosk), ProtocolJson.Encode(Presence("offline"))), TimeProvider.System, logger)
        {
            MessageReceived = OnMessage,
            Connected = OnConnectedAsync,
        };
    }

    public string Site { get; }

    public string Id { get; }

    /// <summary>True when the kiosk has no open call (a kiosk calls for one person at a time).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _call is null;
            }
        }
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>Connects, keeps the connection and sends what the kiosk publishes, until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await _connection.SubscribeAsync([Topics.AgentActionsFor(Site, Id), Topics.Queue], stoppingToken);
        await Task.WhenAll(_connection.RunAsync(stoppingToken), SendAsync(stoppingToken));
    }

    /// <summary>Calls a person (the shopper pressed the button). False when this kiosk already has an open call.</summary>
    public bool TryRaise(RequestRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_call is not null)
            {
                return false;
            }

            var now = DateTimeOffset.UtcNow;
            var request = new HelpRequestMessage
            {
                Id = record.Id,
                Site = Site,
                Kiosk = Id,
                Reason = HelpReason.Button,
                Language = "en",
                CreatedAt = now,
                UpdatedAt = now,
                Revision = 1,
                State = HelpState.Open,
                Transcript =
                [
                    new TranscriptLine(now, "shopper", "my pay later instalment was declined"),
                    new TranscriptLine(now, "assistant", "(not sure)", "oos", 0.31f),
                ],
            };
            _call = (request, record);
            _outgoing.Writer.TryWrite(new Outgoing(Topics.Request(Site, Id, request.Id), ProtocolJson.Encode(request), FirstPublishOf: record));
            return true;
        }
    }

    private Task OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        var at = _clock.Now;
        if (topic == Topics.Queue)
        {
            return Task.CompletedTask; // the simulated screen shows no queue place
        }

        if (!Topics.TryParseAgentTopic(topic, out var site, out var kiosk, out var requestId, out var desk) || site != Site || kiosk != Id || desk.Length == 0)
        {
            Drop(topic, "not a topic this kiosk reads");
        }
        else if (!ProtocolJson.TryDecode<AgentActionMessage>(payload, out var action, out var problem))
        {
            Drop(topic, problem);
        }
        else
        {
            Apply(action, requestId, at);
        }

        return Task.CompletedTask;
    }

    /// <summary>The kiosk's rules (docs/protocol.md, "Agent actions"): each action id once, the first claim wins.</summary>
    private void Apply(AgentActionMessage action, string topicRequestId, double at)
    {
        lock (_gate)
        {
            if (_call is not var (request, record) || action.RequestId != request.Id || topicRequestId != request.Id)
            {
                _counters.ActionForUnknownRequest();
                return;
            }

            if (!_appliedActions.Add(action.Id))
            {
                _counters.DuplicateAction();
                return;
            }

            var assignedToSender = request.Agent?.Id == action.Agent.Id && request.State is HelpState.Assigned or HelpState.Connected;
            switch (action.Type)
            {
                case AgentActionType.Claim when request.State == HelpState.Open:
                    record.MarkClaimed(at);
                    Publish(Next(request, r => r with { State = HelpState.Assigned, Agent = action.Agent, ClaimedAt = DateTimeOffset.UtcNow }), record);
                    break;

                case AgentActionType.Resolve when assignedToSender:
                    var resolved = Next(request, r => r with { State = HelpState.Resolved, Outcome = action.Outcome });
                    _outgoing.Writer.TryWrite(new Outgoing(Topics.Request(Site, Id, request.Id), ProtocolJson.Encode(resolved)));
                    _outgoing.Writer.TryWrite(new Outgoing(Topics.Request(Site, Id, request.Id), [], Clears: record));
                    _call = null;
                    _appliedActions.Clear();
                    record.Resolved.TrySetResult();
                    break;

                case AgentActionType.Claim:
                    _counters.ClaimRefused();
                    break;

                default:
                    _counters.ActionForUnknownRequest();
                    break;
            }
        }
    }

    private void Publish(HelpRequestMessage next, RequestRecord record)
    {
        _call = (next, record);
        _outgoing.Writer.TryWrite(new Outgoing(Topics.Request(Site, Id, next.Id), ProtocolJson.Encode(next)));
    }

    private static HelpRequestMessage Next(HelpRequestMessage request, Func<HelpRequestMessage, HelpRequestMessage> change) =>
        change(request) with { Revision = request.Revision + 1, UpdatedAt = DateTimeOffset.UtcNow };

    /// <summary>Like the kiosk's outbox delivery: in order, each message retried until the broker acknowledged it.</summary>
    private async Task SendAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                if (message.FirstPublishOf is { } first)
                {
                    first.PublishedAt = _clock.Now;
                }

                while (!await _connection.TryPublishAsync(message.Topic, message.Payload, retain: true, stoppingToken))
                {
                    _counters.PublishRetried();
                    await _connection.WaitUntilConnectedAsync(stoppingToken);
                }

                message.Clears?.Cleared.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        await _connection.TryPublishAsync(Topics.Presence(Site, Id), ProtocolJson.Encode(Presence("online")), retain: true, cancellationToken);
        lock (_gate)
        {
            // As the kiosk does after every connect: the current state again, in case the broker lost it.
            if (_call is var (request, _))
            {
                _outgoing.Writer.TryWrite(new Outgoing(Topics.Request(Site, Id, request.Id), ProtocolJson.Encode(request)));
            }
        }
    }

    private void Drop(string topic, string problem)
    {
        _counters.MessageDropped();
        Log.MessageDropped(_logger, topic, problem);
    }

    private PresenceMessage Presence(string status) => new(Site, Id, status, Firmware, "none", DateTimeOffset.UtcNow);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>A retained publish; <paramref name="FirstPublishOf"/> stamps the request's publish time, <paramref name="Clears"/> its cleared time.</summary>
    private sealed record Outgoing(string Topic, byte[] Payload, RequestRecord? FirstPublishOf = null, RequestRecord? Clears = null);
}
