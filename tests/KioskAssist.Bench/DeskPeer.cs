using System.Buffers;
using System.Diagnostics;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Bench;

/// <summary>
/// A bare MQTT peer playing the agent desk: notes when each new help request arrives (a <see cref="Stopwatch"/>
/// timestamp taken in the receive callback), when a request's retained topic is cleared, and claims as an agent.
/// </summary>
/// <remarks>One waiter for the next request at a time. Dispose to disconnect.</remarks>
public sealed class DeskPeer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _seen = [];
    private readonly Dictionary<string, TaskCompletionSource> _cleared = [];
    private readonly BrokerConnection _connection;
    private readonly string _deskId = $"bench-desk-{Ids.New()}";
    private readonly Task _run;
    private TaskCompletionSource<(string Id, long At)>? _next;

    private DeskPeer(int port)
    {
        _connection = new BrokerConnection(
            new BrokerSettings { Host = "127.0.0.1", Port = port, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
            _deskId, null, TimeProvider.System, NullLogger.Instance)
        {
            MessageReceived = OnMessage,
        };
        _run = _connection.RunAsync(_stop.Token);
    }

    public static async Task<DeskPeer> ConnectAsync(int port)
    {
        var desk = new DeskPeer(port);
        await desk._connection.SubscribeAsync([Topics.AllRequests], CancellationToken.None);
        await desk._connection.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return desk;
    }

    /// <summary>Completes with the id and arrival timestamp of the next request id this desk has not seen before.</summary>
    public Task<(string Id, long At)> NextRequestAsync()
    {
        lock (_gate)
        {
            _next = new TaskCompletionSource<(string Id, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }
    }

    /// <summary>Completes when the kiosk cleared the request's retained topic (the request finished and was delivered).</summary>
    public Task ClearedAsync(string requestId)
    {
        lock (_gate)
        {
            return Cleared(requestId).Task;
        }
    }

    public Task<bool> ClaimAsync(string site, string kiosk, string requestId, AgentRef agent)
    {
        var claim = new AgentActionMessage
        {
            Id = Ids.New(),
            RequestId = requestId,
            Type = AgentActionType.Claim,
            Agent = agent,
            At = DateTimeOffset.UtcNow,
        };
        return _connection.TryPublishAsync(Topics.AgentAction(site, kiosk, requestId, _deskId), ProtocolJson.Encode(claim), retain: false, CancellationToken.None);
    }

    /// <summary>An agent action of <paramref name="type"/> (chat with <paramref name="text"/>) on the kiosk's request.</summary>
    public Task<bool> ActAsync(string site, string kiosk, string requestId, AgentRef agent, AgentActionType type, string? text = null)
    {
        var action = new AgentActionMessage
        {
            Id = Ids.New(),
            RequestId = requestId,
            Type = type,
            Agent = agent,
            At = DateTimeOffset.UtcNow,
            Text = text,
        };
        return _connection.TryPublishAsync(Topics.AgentAction(site, kiosk, requestId, _deskId), ProtocolJson.Encode(action), retain: false, CancellationToken.None);
    }

    /// <summary>Publishes the desks' retained queue: nobody waiting, <paramref name="agentsOnline"/> agents signed in.</summary>
    public Task<bool> PublishQueueAsync(int agentsOnline, double? medianSecondsToClaim)
    {
        var queue = new QueueMessage(DateTimeOffset.UtcNow, [], agentsOnline, medianSecondsToClaim);
        return _connection.TryPublishAsync(Topics.Queue, ProtocolJson.Encode(queue), retain: true, CancellationToken.None);
    }

    private Task OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        var at = Stopwatch.GetTimestamp();
        if (!Topics.TryParseRequestTopic(topic, "requests", out _, out _, out var requestId))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (payload.Length == 0)
            {
                Cleared(requestId).TrySetResult();
            }
            else if (ProtocolJson.TryDecode<HelpRequestMessage>(payload, out var request, out _) && _seen.Add(request!.Id))
            {
                _next?.TrySetResult((request.Id, at));
            }
        }

        return Task.CompletedTask;
    }

    private TaskCompletionSource Cleared(string requestId)
    {
        if (!_cleared.TryGetValue(requestId, out var cleared))
        {
            cleared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _cleared[requestId] = cleared;
        }

        return cleared;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
