using System.Buffers;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace KioskAssist.FleetSimulator;

/// <summary>
/// One agent at a desk of their own: a connection subscribed to every request (as a desk is), a view of the open
/// ones built from the retained request states (highest revision wins, an empty payload means gone), and a loop that
/// claims the oldest open request whenever the agent is free — first come, first served — holds it for its handling
/// time and resolves it. Agents race: when several are free, the kiosk accepts the first claim and the others see
/// the request assigned to someone else and look again.
/// </summary>
/// <remarks>Thread-safe. Dispose after <see cref="RunAsync"/> ended.</remarks>
public sealed class SimulatedAgent : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly BrokerConnection _connection;
    private readonly Dictionary<string, HelpRequestMessage> _requests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _givenUp = new(StringComparer.Ordinal);
    private readonly RequestLedger _ledger;
    private readonly SimulatorCounters _counters;
    private readonly SimulationClock _clock;
    private readonly ILogger _logger;
    private readonly string _deskId;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SimulatedAgent(BrokerSettings settings, int number, RequestLedger ledger, SimulatorCounters counters, SimulationClock clock, ILogger logger)
    {
        Agent = new AgentRef($"sim-agent-{number}", $"Agent {number}");
        (_ledger, _counters, _clock, _logger) = (ledger, counters, clock, logger);
        _deskId = $"sim-desk-{number}";
        _connection = new BrokerConnection(settings, _deskId, null, TimeProvider.System, logger) { MessageReceived = OnMessage };
    }

    public AgentRef Agent { get; }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connection.WaitUntilConnectedAsync(cancellationToken);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await _connection.SubscribeAsync([Topics.AllRequests], stoppingToken);
        await Task.WhenAll(_connection.RunAsync(stoppingToken), WorkAsync(stoppingToken));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _connection.WaitUntilConnectedAsync(stoppingToken);
            while (true)
            {
                var request = await NextOpenAsync(stoppingToken);
                var claimedAt = _clock.Now;
                if (!await SendAsync(request, AgentActionType.Claim, stoppingToken))
                {
                    continue; // not connected: the view is rebuilt from the retained states on reconnect
                }

                var won = await DecisionAsync(request.Id, stoppingToken);
                if (won is not true)
                {
                    if (won is null)
                    {
                        lock (_gate)
                        {
                            _givenUp.Add(request.Id);
                        }

                        _counters.ClaimUndecided();
                        Log.ClaimUndecided(_logger, Agent.Id, request.Id, Patience.TotalSeconds);
                    }

                    continue;
                }

                // The handling time runs from the claim, as an agent starts on the problem when they take it.
                var handling = _ledger.TryGet(request.Id, out var record) ? record.HandlingSeconds : 0;
                record?.MarkWon();
                await _clock.WaitUntilAsync(claimedAt + handling, stoppingToken);
                while (!await SendAsync(request, AgentActionType.Resolve, stoppingToken))
                {
                    await _connection.WaitUntilConnectedAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The oldest open request this agent has not given up on; waits for one.</summary>
    private async Task<HelpRequestMessage> NextOpenAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var oldest = _requests.Values
                    .Where(r => r.State == HelpState.Open && !_givenUp.Contains(r.Id))
                    .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (oldest is not null)
                {
                    return oldest;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(stoppingToken);
        }
    }

    /// <summary>True when the kiosk assigned the request to this agent, false when to another (or it ended), null when no decision came.</summary>
    private async Task<bool?> DecisionAsync(string requestId, CancellationToken stoppingToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        patience.CancelAfter(Patience);
        try
        {
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (!_requests.TryGetValue(requestId, out var request) || request.IsFinished)
                    {
                        return false;
                    }

                    if (request.State is HelpState.Assigned or HelpState.Connected)
                    {
                        return request.Agent?.Id == Agent.Id;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(patience.Token);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task<bool> SendAsync(HelpRequestMessage request, AgentActionType type, CancellationToken cancellationToken)
    {
        var action = new AgentActionMessage
        {
            Id = Ids.New(),
            RequestId = request.Id,
            Type = type,
            Agent = Agent,
            At = DateTimeOffset.UtcNow,
            Outcome = type == AgentActionType.Resolve ? "answered" : null,
        };
        return _connection.TryPublishAsync(Topics.AgentAction(request.Site, request.Kiosk, request.Id, _deskId), ProtocolJson.Encode(action), retain: false, cancellationToken);
    }

    private Task OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "requests", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, "not a request topic");
            return Task.CompletedTask;
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            if (payload.Length == 0)
            {
                _requests.Remove(requestId); // the kiosk cleared a finished request
                _givenUp.Remove(requestId);
            }
            else if (!ProtocolJson.TryDecode<HelpRequestMessage>(payload, out var request, out var problem))
            {
                Drop(topic, problem);
                return Task.CompletedTask;
            }
            else if (request.Id != requestId || request.Site != site || request.Kiosk != kiosk)
            {
                Drop(topic, "payload does not match its topic");
                return Task.CompletedTask;
            }
            else if (_requests.TryGetValue(requestId, out var known) && known.Revision >= request.Revision)
            {
                return Task.CompletedTask; // a replay or a redelivery
            }
            else
            {
                _requests[requestId] = request;
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return Task.CompletedTask;
    }

    private void Drop(string topic, string problem)
    {
        _counters.MessageDropped();
        Log.MessageDropped(_logger, topic, problem);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
