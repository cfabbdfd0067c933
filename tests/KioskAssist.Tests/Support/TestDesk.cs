using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Support;

/// <summary>
/// A bare protocol peer playing an agent desk in tests: sees requests and chat as a desk would (highest revision
/// wins, chat de-duplicated by id) and counts every delivery, so tests can prove "once".
/// </summary>
public sealed class TestDesk : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly ConcurrentDictionary<string, HelpRequestMessage> _requests = new();
    private readonly ConcurrentDictionary<string, ChatMessage> _chat = new();

    private TestDesk(MosquittoBroker broker, string clientId, int protocolVersion)
    {
        DeskId = clientId;
        Connection = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ProtocolVersion = protocolVersion, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
            clientId, null, TimeProvider.System, NullLogger.Instance)
        {
            MessageReceived = OnMessage,
        };
        _run = Connection.RunAsync(_stop.Token);
    }

    public BrokerConnection Connection { get; }

    /// <summary>The desk's broker identity: its client id, and the last level of the agent-action topics it sends on.</summary>
    public string DeskId { get; }

    /// <summary>Every request payload received, including redeliveries and older revisions.</summary>
    public ConcurrentQueue<HelpRequestMessage> RequestDeliveries { get; } = new();

    /// <summary>Request ids whose retained topic was cleared.</summary>
    public ConcurrentQueue<string> Cleared { get; } = new();

    public ConcurrentQueue<DateTimeOffset> FirstSeenAt { get; } = new();

    public IReadOnlyCollection<HelpRequestMessage> Requests => [.. _requests.Values];

    public IReadOnlyList<ChatMessage> ChatOf(string requestId) => [.. _chat.Values.Where(c => c.RequestId == requestId).OrderBy(c => c.Sequence)];

    public HelpRequestMessage? Request(string id) => _requests.GetValueOrDefault(id);

    public static async Task<TestDesk> ConnectAsync(MosquittoBroker broker, string clientId = "test-desk", int protocolVersion = 311)
    {
        var desk = new TestDesk(broker, clientId, protocolVersion);
        await desk.Connection.SubscribeAsync([Topics.AllRequests, Topics.AllChats], CancellationToken.None);
        await desk.Connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        return desk;
    }

    public Task<bool> SendAsync(HelpRequestMessage request, AgentActionType type, string agentId, string? text = null, string? outcome = null, string? actionId = null) =>
        SendAsync(request, new AgentActionMessage
        {
            Id = actionId ?? Ids.New(),
            RequestId = request.Id,
            Type = type,
            Agent = new AgentRef(agentId, char.ToUpperInvariant(agentId[0]) + agentId[1..]),
            At = DateTimeOffset.UtcNow,
            Text = text,
            Outcome = outcome,
        });

    public Task<bool> SendAsync(HelpRequestMessage request, AgentActionMessage action) =>
        Connection.TryPublishAsync(Topics.AgentAction(request.Site, request.Kiosk, request.Id, DeskId), ProtocolJson.Encode(action), retain: false, CancellationToken.None);

    public Task<T> WaitForAsync<T>(
        Func<T?> probe, TimeSpan? timeout = null, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(probe))] string expression = "")
        where T : class =>
        Eventually.ValueAsync(probe, (int)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds, expression);

    /// <summary>Retries an async step (e.g. a publish while reconnecting) until it succeeds.</summary>
    public async Task RetryUntilAsync(Func<Task<bool>> step, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await step())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The step did not succeed in time.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private Task OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        if (Topics.TryParseRequestTopic(topic, "requests", out _, out _, out var requestId))
        {
            if (payload.Length == 0)
            {
                Cleared.Enqueue(requestId);
            }
            else if (ProtocolJson.TryDecode<HelpRequestMessage>(payload, out var request, out _))
            {
                RequestDeliveries.Enqueue(request!);
                if (!_requests.ContainsKey(request!.Id))
                {
                    FirstSeenAt.Enqueue(DateTimeOffset.UtcNow);
                }

                _requests.AddOrUpdate(request.Id, request, (_, known) => request.Revision > known.Revision ? request : known);
            }
        }
        else if (ProtocolJson.TryDecode<ChatMessage>(payload, out var line, out _))
        {
            _chat.TryAdd(line!.Id, line);
        }

        return Task.CompletedTask;
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

        await Connection.DisposeAsync();
        _stop.Dispose();
    }
}
