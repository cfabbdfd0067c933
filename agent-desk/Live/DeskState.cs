using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// The desk's live picture of the fleet, built only from what the broker delivers: every request not yet gone
/// (highest revision wins), its chat (by id, in sequence order), kiosk and desk presence, and the agents signed
/// in here. Each change bumps <see cref="Version"/> and wakes everyone waiting in <see cref="WaitForChangeAsync"/>.
/// </summary>
/// <remarks>Thread-safe: one lock guards everything; views handed out are immutable and shared by all readers.</remarks>
public sealed partial class DeskState(string deskId, TimeProvider time)
{
    /// <summary>Most chat lines kept per request; a kiosk conversation is far shorter.</summary>
    public const int MaxChatLines = 2000;

    /// <summary>How many finished (gone) request ids are remembered so a late redelivery cannot bring one back.</summary>
    private const int MaxTombstones = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<RequestKey, TrackedRequest> _requests = [];
    private readonly Dictionary<RequestKey, long> _gone = [];
    private readonly Queue<RequestKey> _goneOrder = new();
    private readonly HashSet<(string Site, string Kiosk)> _kiosksOffline = [];
    private readonly Dictionary<string, DeskPresenceMessage> _otherDesks = [];
    private readonly Dictionary<string, int> _localAgents = [];
    private readonly ClaimTimes _claims = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DeskView? _view;
    private bool _brokerConnected;

    public string DeskId { get; } = deskId;

    public long Version { get; private set; }

    /// <summary>Agents with a desk page open here (each agent once, however many tabs).</summary>
    public int LocalAgents
    {
        get
        {
            lock (_gate)
            {
                return _localAgents.Count;
            }
        }
    }

    public ApplyResult ApplyRequest(HelpRequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new RequestKey(message.Site, message.Kiosk, message.Id);
        lock (_gate)
        {
            if (_gone.TryGetValue(key, out var goneAt) && message.Revision <= goneAt)
            {
                return ApplyResult.Drop(DropReason.Stale);
            }

            if (_requests.TryGetValue(key, out var known))
            {
                if (message.Revision == known.Message.Revision)
                {
                    return ApplyResult.Drop(DropReason.Duplicate);
                }

                if (message.Revision < known.Message.Revision)
                {
                    return ApplyResult.Drop(DropReason.Stale);
                }

                known.Message = message;
                known.ChangedAt = time.GetUtcNow();
            }
            else
            {
                _requests[key] = new TrackedRequest(message) { ChangedAt = time.GetUtcNow() };
            }

            if (message.ClaimedAt is { } claimedAt && message.Agent is not null)
            {
                _claims.Record(key, message.CreatedAt, claimedAt);
            }

            Changed();
            return ApplyResult.Applied;
        }
    }

    /// <summary>The kiosk cleared the request's retained topic: it is finished and gone. False when it was not known.</summary>
    public bool RemoveRequest(RequestKey key)
    {
        lock (_gate)
        {
            if (!_requests.Remove(key, out var removed))
            {
                return false;
            }

            _gone[key] = removed.Message.Revision;
            _goneOrder.Enqueue(key);
            RememberFinishedLocked(key, removed);
            while (_goneOrder.Count > MaxTombstones)
            {
                _gone.Remove(_goneOrder.Dequeue());
            }

            Changed();
            return true;
        }
    }

    public ApplyResult ApplyChat(RequestKey key, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_requests.TryGetValue(key, out var request))
            {
                return ApplyResult.Drop(DropReason.UnknownRequest);
            }

            if (request.ChatIds.Contains(message.Id))
            {
                return ApplyResult.Drop(DropReason.Duplicate);
            }

            if (request.ChatIds.Count >= MaxChatLines)
            {
                return ApplyResult.Drop(DropReason.TooMany);
            }

            request.ChatIds.Add(message.Id);
            request.Chat.Add(message);
            request.ChangedAt = time.GetUtcNow();
            Changed();
            return ApplyResult.Applied;
        }
    }

    public void ApplyPresence(PresenceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            var changed = message.Status == "offline"
                ? _kiosksOffline.Add((message.Site, message.Kiosk))
                : _kiosksOffline.Remove((message.Site, message.Kiosk));
            if (changed)
            {
                Changed();
            }
        }
    }

    /// <summary>Another desk's presence (this desk's own is ignored: it counts its agents itself).</summary>
    public void ApplyDeskPresence(DeskPresenceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Desk == DeskId)
        {
            return;
        }

        lock (_gate)
        {
            _otherDesks[message.Desk] = message;
            Changed();
        }
    }

    /// <summary>A signed-in agent opened the live view; pair with <see cref="AgentLeft"/>.</summary>
    public void AgentJoined(string agentId)
    {
        lock (_gate)
        {
            _localAgents[agentId] = _localAgents.GetValueOrDefault(agentId) + 1;
            if (_localAgents[agentId] == 1)
            {
                Changed();
            }
        }
    }

    public void AgentLeft(string agentId)
    {
        lock (_gate)
        {
            if (_localAgents.TryGetValue(agentId, out var streams) && --streams <= 0)
            {
                _localAgents.Remove(agentId);
                Changed();
            }
            else if (streams > 0)
            {
                _localAgents[agentId] = streams;
            }
        }
    }

    public void SetBrokerConnected(bool connected)
    {
        lock (_gate)
        {
            if (_brokerConnected != connected)
            {
                _brokerConnected = connected;
                Changed();
            }
        }
    }

    /// <summary>The current view (its lists shared by every caller until the next change), stamped with the time now.</summary>
    public DeskView View()
    {
        lock (_gate)
        {
            _view ??= new DeskView(
                Version,
                time.GetUtcNow(),
                _brokerConnected,
                AgentsOnlineLocked(),
                [.. _requests.Values.OrderBy(r => r.Message.CreatedAt).ThenBy(r => r.Message.Id, StringComparer.Ordinal).Select(SummaryLocked)],
                FinishedLocked());
            return _view with { Now = time.GetUtcNow() };
        }
    }

    public RequestSummary? Find(RequestKey key)
    {
        lock (_gate)
        {
            return _requests.TryGetValue(key, out var request) ? SummaryLocked(request) : null;
        }
    }

    public RequestDetail? Detail(RequestKey key)
    {
        lock (_gate)
        {
            return _requests.TryGetValue(key, out var request)
                ? new RequestDetail(SummaryLocked(request), request.Message.Transcript, [.. request.Chat.OrderBy(c => c.Sequence).ThenBy(c => c.At)], request.Message.Transaction)
                : null;
        }
    }

    /// <summary>The queue kiosks read: open requests oldest first, agents online on every desk, median seconds to claim.</summary>
    public QueueMessage Queue()
    {
        lock (_gate)
        {
            return new QueueMessage(
                time.GetUtcNow(),
                [.. _requests.Values.Select(r => r.Message)
                    .Where(m => m.State == HelpState.Open)
                    .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal)
                    .Select(m => new QueueEntry(m.Id, m.Site, m.Kiosk, m.CreatedAt, m.Urgent))],
                AgentsOnlineLocked(),
                _claims.Median());
        }
    }

    /// <summary>Completes once <see cref="Version"/> differs from <paramref name="seenVersion"/>.</summary>
    public Task WaitForChangeAsync(long seenVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Version != seenVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    private int AgentsOnlineLocked() =>
        _localAgents.Count + _otherDesks.Values.Where(d => d.Status == "online").Sum(d => d.AgentsOnline);

    private RequestSummary SummaryLocked(TrackedRequest request)
    {
        var m = request.Message;
        var key = new RequestKey(m.Site, m.Kiosk, m.Id);
        return new RequestSummary(
            m.Site, m.Kiosk, m.Id, m.Reason, m.Language, m.CreatedAt, m.UpdatedAt, m.Revision, m.State, m.Urgent, m.Agent,
            m.ClaimedAt, m.Outcome, !_kiosksOffline.Contains((m.Site, m.Kiosk)), m.Transcript.Count, request.Chat.Count,
            request.ShopperTypingAt, _staffAlerts.GetValueOrDefault(key)?.Alert.At, _staffAcks.GetValueOrDefault(key),
            _ratings.GetValueOrDefault(key)?.Score);
    }

    private void Changed()
    {
        Version++;
        _view = null;
        var waiting = _changed;
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.SetResult();
    }

    /// <summary>A request and its chat; mutated only under the lock.</summary>
    private sealed class TrackedRequest(HelpRequestMessage message)
    {
        public HelpRequestMessage Message { get; set; } = message;

        public List<ChatMessage> Chat { get; } = [];

        public HashSet<string> ChatIds { get; } = new(StringComparer.Ordinal);

        /// <summary>When the request or its chat last changed on this desk: the desk's retention counts from here.</summary>
        public DateTimeOffset ChangedAt { get; set; }

        /// <summary>When the kiosk last said the shopper is typing (a hint only; never any text).</summary>
        public DateTimeOffset? ShopperTypingAt { get; set; }
    }
}
