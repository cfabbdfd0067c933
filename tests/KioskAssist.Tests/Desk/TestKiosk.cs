using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Plays a kiosk on the test broker through the protocol's own <see cref="BrokerConnection"/>: publishes request
/// states and chat (or any raw bytes), and records the agent actions and queue messages desks send.
/// </summary>
public sealed class TestKiosk : IAsyncDisposable
{
    private readonly BrokerConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestKiosk(BrokerConnection connection, string site, string kiosk)
    {
        _connection = connection;
        Site = site;
        Kiosk = kiosk;
        _connection.MessageReceived = (topic, payload) =>
        {
            if (topic == Topics.Queue && ProtocolJson.TryDecode<QueueMessage>(payload, out var queue, out _))
            {
                LastQueue = queue;
            }
            else if (topic.StartsWith(Topics.Root + "/desks/", StringComparison.Ordinal) && ProtocolJson.TryDecode<DeskPresenceMessage>(payload, out var desk, out _))
            {
                DeskPresence[desk!.Desk] = desk;
            }
            else if (ProtocolJson.TryDecode<AgentActionMessage>(payload, out var action, out _))
            {
                Actions.Enqueue((topic, action!));
            }

            return Task.CompletedTask;
        };
        _running = _connection.RunAsync(_stop.Token);
    }

    public string Site { get; }

    public string Kiosk { get; }

    public ConcurrentQueue<(string Topic, AgentActionMessage Action)> Actions { get; } = new();

    public ConcurrentDictionary<string, DeskPresenceMessage> DeskPresence { get; } = new();

    public QueueMessage? LastQueue { get; private set; }

    public static async Task<TestKiosk> StartAsync(MosquittoBroker broker, string site = "jkt-01", string kiosk = "k03")
    {
        var settings = new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1 };
        var connection = new BrokerConnection(settings, $"test-kiosk-{Guid.NewGuid():N}"[..24], null, TimeProvider.System, NullLogger.Instance);
        await connection.SubscribeAsync([Topics.AgentActionsFor(site, kiosk), Topics.Queue, Topics.AllDesks], TestContext.Current.CancellationToken);
        var testKiosk = new TestKiosk(connection, site, kiosk);
        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return testKiosk;
    }

    /// <summary>A request of this kiosk as the kiosk would publish it, with a short transcript.</summary>
    public HelpRequestMessage Request(string id, DateTimeOffset createdAt, long revision = 1, HelpState state = HelpState.Open, AgentRef? agent = null, bool urgent = false) => new()
    {
        Id = id,
        Site = Site,
        Kiosk = Kiosk,
        Reason = HelpReason.LowConfidence,
        Language = "id",
        CreatedAt = createdAt,
        UpdatedAt = createdAt.AddSeconds(revision),
        Revision = revision,
        State = state,
        Urgent = urgent,
        Agent = agent,
        ClaimedAt = agent is null ? null : createdAt.AddSeconds(12),
        Transcript =
        [
            new TranscriptLine(createdAt.AddSeconds(-30), "shopper", "cicilan ditolak kenapa"),
            new TranscriptLine(createdAt.AddSeconds(-30), "assistant", "(not sure)", "oos", 0.31f),
        ],
    };

    public Task PublishAsync(HelpRequestMessage request) => PublishRawAsync(Topics.Request(Site, Kiosk, request.Id), ProtocolJson.Encode(request), retain: true);

    public Task ClearAsync(string requestId) => PublishRawAsync(Topics.Request(Site, Kiosk, requestId), [], retain: true);

    public Task PublishChatAsync(string requestId, long sequence, string from, string text, AgentRef? agent = null) =>
        PublishRawAsync(
            Topics.Chat(Site, Kiosk, requestId),
            ProtocolJson.Encode(new ChatMessage(Ids.New(), requestId, sequence, from, text, DateTimeOffset.UtcNow, agent)),
            retain: false);

    /// <summary>"The shopper is typing" for one request, as the kiosk sends it (QoS 0 on the real kiosk; never any text).</summary>
    public Task PublishTypingAsync(string requestId) =>
        PublishRawAsync(Topics.Typing(Site, Kiosk, requestId), ProtocolJson.Encode(new ShopperTypingMessage(requestId, DateTimeOffset.UtcNow)), retain: false);

    public Task PublishRatingAsync(string requestId, int score, AgentRef? agent) =>
        PublishRawAsync(
            Topics.Rating(Site, Kiosk, requestId),
            ProtocolJson.Encode(new HelpRatingMessage(Ids.New(), requestId, Site, Kiosk, agent, score, DateTimeOffset.UtcNow)),
            retain: false);

    /// <summary>The kiosk asks its store's staff for help with a request (on <c>ka/v1/staff/{site}</c>).</summary>
    public Task PublishStaffAlertAsync(string requestId, HelpReason reason = HelpReason.LowConfidence, int waitedSeconds = 20) =>
        PublishRawAsync(
            Topics.Staff(Site),
            ProtocolJson.Encode(new StaffAlertMessage(Ids.New(), requestId, Site, Kiosk, reason, waitedSeconds, DateTimeOffset.UtcNow)),
            retain: false);

    public async Task PublishRawAsync(string topic, byte[] payload, bool retain)
    {
        Assert.True(await _connection.TryPublishAsync(topic, payload, retain, TestContext.Current.CancellationToken), $"publish to {topic}");
    }

    /// <summary>The next agent action of the given type addressed to this kiosk.</summary>
    public async Task<(string Topic, AgentActionMessage Action)> NextActionAsync(AgentActionType type)
    {
        (string, AgentActionMessage) found = default;
        await Eventually.TrueAsync(() => TryTake(type, out found), $"a {type} action reaches the kiosk");
        return found;
    }

    /// <summary>
    /// Every action that reached the kiosk up to and including the first one <paramref name="sentinel"/> picks: send the
    /// sentinel after the action that must not arrive, and one that did arrive is in the list, ahead of it.
    /// </summary>
    public async Task<IReadOnlyList<AgentActionMessage>> ActionsThroughAsync(Func<AgentActionMessage, bool> sentinel)
    {
        var seen = new List<AgentActionMessage>();
        await Eventually.TrueAsync(() =>
        {
            while (Actions.TryDequeue(out var next))
            {
                seen.Add(next.Action);
                if (sentinel(next.Action))
                {
                    return true;
                }
            }

            return false;
        }, "the sentinel action reaches the kiosk");
        return seen;
    }

    private bool TryTake(AgentActionType type, out (string, AgentActionMessage) found)
    {
        while (Actions.TryDequeue(out var next))
        {
            if (next.Action.Type == type)
            {
                found = next;
                return true;
            }
        }

        found = default;
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
