using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// The kiosk's side of a call for a person, and the authority over it: starts the request, accepts the first valid
/// claim, relays chat both ways, climbs the escalation ladder, and ends the call. Every change is saved with the
/// messages it produces before anyone is told (see <see cref="HelpCallStore"/>), so nothing is lost to a crash.
/// </summary>
/// <remarks>
/// Plain C# with a <see cref="TimeProvider"/>: tests drive it directly. Thread-safe (one lock).
/// When the disk cannot take a change (full, failing), the call goes on from memory: its messages are sent over the
/// network without being saved, the screen says so, and <see cref="Tick"/> keeps trying to save.
/// </remarks>
public sealed class HelpCallCoordinator
{
    private readonly Lock _gate = new();
    private readonly HelpCallStore _store;
    private readonly Outbox _outbox;
    private readonly ShopperConversation _conversation;
    private readonly KioskOptions _kiosk;
    private readonly HelpOptions _options;
    private readonly KioskMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<HelpCallCoordinator> _logger;
    private HelpCallRecord? _call;
    private QueueMessage? _queue;
    private HelpEnded? _lastEnded;

    // Records the disk would not take, by request id; saved again by Tick when the disk allows.
    private readonly Dictionary<string, HelpCallRecord> _unsaved = [];
    private DateTimeOffset _lastSaveRetry;
    private bool _bridgeDown;

    public HelpCallCoordinator(
        HelpCallStore store, Outbox outbox, ShopperConversation conversation, IOptions<KioskOptions> kiosk, IOptions<HelpOptions> options,
        KioskMetrics metrics, TimeProvider time, ILogger<HelpCallCoordinator> logger)
    {
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(options);
        (_store, _outbox, _conversation, _kiosk, _options, _metrics, _time, _logger) = (store, outbox, conversation, kiosk.Value, options.Value, metrics, time, logger);
        _call = store.LoadActive();
        if (_call is not null)
        {
            _conversation.Hold();
            Log.HelpCallResumed(logger, _call.Request.Id, _call.Request.State.ToString());
        }
    }

    /// <summary>Raised after every change of the call (outside the lock); the screen and the light follow it.</summary>
    public event Action? Changed;

    public HelpEnded? LastEnded
    {
        get
        {
            lock (_gate)
            {
                return _lastEnded;
            }
        }
    }

    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _call is not null;
            }
        }
    }

    public HelpCallView? View()
    {
        lock (_gate)
        {
            return _call is null ? null : ViewOf(_call);
        }
    }

    /// <summary>Calls a person. Pressing again while a call is active changes nothing and returns the active call.</summary>
    public HelpCallView Start(HelpReason reason)
    {
        lock (_gate)
        {
            if (_call is null)
            {
                var now = _time.GetUtcNow();
                var conversation = _conversation.Snapshot();
                var request = new HelpRequestMessage
                {
                    Id = Ids.New(),
                    Site = _kiosk.Site,
                    Kiosk = _kiosk.Id,
                    Reason = reason,
                    Language = conversation.Language,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Revision = 1,
                    State = HelpState.Open,
                    Transcript = [.. conversation.Transcript.TakeLast(100).Select(ToTranscriptLine)],
                };
                _lastEnded = null;
                // The central desks are cut off: the store's own staff are told at once, not after the urgent step.
                Save(new HelpCallRecord(request, [], [], now, NoticeShown: false),
                    _bridgeDown ? [StateMessage(request), BridgeDownAlert(request, now)] : [StateMessage(request)]);
                _conversation.Hold();
                _metrics.HelpRequested();
                Log.HelpRequested(_logger, request.Id, reason.ToString());
            }
        }

        Changed?.Invoke();
        return View()!;
    }

    /// <summary>The shopper cancelled on screen or by holding the button.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_call is null)
            {
                return;
            }

            Finish(_call, r => r with { State = HelpState.Cancelled });
            Log.HelpCancelled(_logger, _lastEnded!.RequestId);
        }

        Changed?.Invoke();
    }

    /// <summary>A chat line from the shopper; saved to the outbox before this returns. Null when there is no call.</summary>
    public ChatMessage? ShopperSays(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ChatMessage? line;
        lock (_gate)
        {
            if (_call is null || _call.Chat.Count >= _options.MaxChatLines)
            {
                return null;
            }

            line = new ChatMessage(Ids.New(), _call.Request.Id, _call.Chat.Count + 1, "shopper", text.Trim(), _time.GetUtcNow());
            Save(_call with { Chat = [.. _call.Chat, line] }, [ChatMessageOut(line)]);
        }

        Changed?.Invoke();
        return line;
    }

    /// <summary>Applies an agent's action from <c>ka/v1/agent/{site}/{kiosk}/{request}</c>; the kiosk decides.</summary>
    public ActionResult Apply(AgentActionMessage action, string topicRequestId)
    {
        ArgumentNullException.ThrowIfNull(action);
        ActionResult result;
        lock (_gate)
        {
            result = ApplyLocked(action, topicRequestId);
        }

        Log.AgentAction(_logger, action.Type.ToString(), action.Agent.Id, action.RequestId, result.ToString());
        if (result == ActionResult.Applied)
        {
            Changed?.Invoke();
        }

        return result;
    }

    /// <summary>The desks' live queue arrived; it drives the place in the queue and the estimate.</summary>
    public void OnQueue(QueueMessage queue)
    {
        lock (_gate)
        {
            _queue = queue;
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// The state of the store broker's bridge to the central desks (Mosquitto's <c>$SYS/broker/connection/{name}/state</c>).
    /// When it goes down, the store's own staff are alerted at once for the call in progress; when it returns, the call's
    /// state is published again so the central desks have it even if the bridge lost the retained copy.
    /// </summary>
    public void OnBridgeChanged(bool up)
    {
        var changed = false;
        lock (_gate)
        {
            if (_bridgeDown == !up)
            {
                return;
            }

            _bridgeDown = !up;
            Log.BridgeStateChanged(_logger, up ? "up" : "down", _options.BridgeStateTopic);
            if (!up && _call is { } call)
            {
                Save(call, [BridgeDownAlert(call.Request, _time.GetUtcNow())]);
                changed = true;
            }
            else if (up && _call is { } open)
            {
                Enqueue([StateMessage(open.Request)]);
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Climbs the escalation ladder and retries unsaved changes; called about every quarter second.</summary>
    public void Tick()
    {
        var changed = false;
        lock (_gate)
        {
            changed = RetryUnsaved();
            if (_call is { Request.State: HelpState.Open } call)
            {
                var waited = _time.GetUtcNow() - call.OpenSince;
                var sinceCreated = _time.GetUtcNow() - call.Request.CreatedAt;
                if (sinceCreated >= TimeSpan.FromSeconds(_options.ExpireAfterSeconds))
                {
                    Finish(call, r => r with { State = HelpState.Expired });
                    Log.HelpExpired(_logger, call.Request.Id);
                    changed = true;
                }
                else if (!call.Request.Urgent && waited >= TimeSpan.FromSeconds(_options.UrgentAfterSeconds))
                {
                    var next = Next(call, r => r with { Urgent = true });
                    var alert = new StaffAlertMessage(Ids.New(), call.Request.Id, _kiosk.Site, _kiosk.Id, call.Request.Reason, (int)waited.TotalSeconds, _time.GetUtcNow());
                    Save(next, [StateMessage(next.Request), new OutboxMessage(Topics.Staff(_kiosk.Site), ProtocolJson.Encode(alert), Retain: false)]);
                    Log.HelpEscalated(_logger, call.Request.Id, (int)waited.TotalSeconds);
                    changed = true;
                }
                else if (!call.NoticeShown && waited >= TimeSpan.FromSeconds(_options.NoticeAfterSeconds))
                {
                    Save(call with { NoticeShown = true }, []);
                    changed = true;
                }
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>After a reconnect: publish the current state again, in case the broker lost its retained copy.</summary>
    public void Reannounce()
    {
        lock (_gate)
        {
            if (_call is not null)
            {
                Enqueue([StateMessage(_call.Request)]);
            }
        }
    }

    /// <summary>Seconds between attempts to save what the disk would not take.</summary>
    public const int SaveRetrySeconds = 2;

    private bool RetryUnsaved()
    {
        var now = _time.GetUtcNow();
        if (_unsaved.Count == 0 || now - _lastSaveRetry < TimeSpan.FromSeconds(SaveRetrySeconds))
        {
            return false;
        }

        _lastSaveRetry = now;
        var records = _unsaved.Count;
        foreach (var record in _unsaved.Values.OrderBy(r => r.Request.UpdatedAt).ToList())
        {
            if (!Persist(record, [], logFailure: false))
            {
                return false;
            }
        }

        Log.HelpCallSavedAgain(_logger, _store.DatabasePath, records);
        return true;
    }

    private void Enqueue(IReadOnlyCollection<OutboxMessage> messages)
    {
        try
        {
            _outbox.Enqueue(messages);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            _outbox.HoldUnsaved(messages);
        }
    }

    private OutboxMessage BridgeDownAlert(HelpRequestMessage request, DateTimeOffset now)
    {
        Log.BridgeDownStaffAlerted(_logger, _options.BridgeStateTopic, request.Id);
        var alert = new StaffAlertMessage(Ids.New(), request.Id, _kiosk.Site, _kiosk.Id, request.Reason, (int)(now - request.CreatedAt).TotalSeconds, now);
        return new OutboxMessage(Topics.Staff(_kiosk.Site), ProtocolJson.Encode(alert), Retain: false);
    }

    private ActionResult ApplyLocked(AgentActionMessage action, string topicRequestId)
    {
        if (_call is not { } call || action.RequestId != call.Request.Id || topicRequestId != call.Request.Id)
        {
            return ActionResult.UnknownRequest;
        }

        if (call.AppliedActions.Contains(action.Id))
        {
            return ActionResult.Duplicate;
        }

        var request = call.Request;
        var isAssignedAgent = request.Agent?.Id == action.Agent.Id && request.State is HelpState.Assigned or HelpState.Connected;
        var applied = call with { AppliedActions = [.. call.AppliedActions.TakeLast(999), action.Id] };
        var agent = new AgentRef(action.Agent.Id, action.Agent.Name.Trim());
        switch (action.Type)
        {
            case AgentActionType.Claim when request.State == HelpState.Open:
                var claimed = Next(applied, r => r with { State = HelpState.Assigned, Agent = agent, ClaimedAt = _time.GetUtcNow() });
                Save(claimed, [StateMessage(claimed.Request)]);
                _metrics.HandedToPerson(_time.GetUtcNow() - call.OpenSince);
                return ActionResult.Applied;

            case AgentActionType.Connect when isAssignedAgent && request.State == HelpState.Assigned:
                var connected = Next(applied, r => r with { State = HelpState.Connected });
                Save(connected, [StateMessage(connected.Request)]);
                return ActionResult.Applied;

            case AgentActionType.Chat when isAssignedAgent && call.Chat.Count < _options.MaxChatLines:
                var line = new ChatMessage(Ids.New(), request.Id, call.Chat.Count + 1, "agent", action.Text!.Trim(), _time.GetUtcNow(), agent);
                var chatting = request.State == HelpState.Assigned ? Next(applied, r => r with { State = HelpState.Connected }) : applied;
                chatting = chatting with { Chat = [.. call.Chat, line] };
                Save(chatting, request.State == HelpState.Assigned
                    ? [StateMessage(chatting.Request), ChatMessageOut(line)]
                    : [ChatMessageOut(line)]);
                return ActionResult.Applied;

            case AgentActionType.Release when isAssignedAgent:
                var released = Next(applied, r => r with { State = HelpState.Open, Agent = null, ClaimedAt = null }) with { OpenSince = _time.GetUtcNow() };
                Save(released, [StateMessage(released.Request)]);
                return ActionResult.Applied;

            case AgentActionType.Resolve when isAssignedAgent:
                Finish(applied, r => r with { State = HelpState.Resolved, Outcome = action.Outcome });
                return ActionResult.Applied;

            default:
                // Record the refusal too, so a redelivered losing claim is not re-evaluated after a release.
                Save(applied, []);
                return ActionResult.Refused;
        }
    }

    /// <summary>Ends the call: final state (retained), then an empty retained payload so the broker forgets it.</summary>
    private void Finish(HelpCallRecord call, Func<HelpRequestMessage, HelpRequestMessage> change)
    {
        var finished = Next(call, change);
        var topic = Topics.Request(_kiosk.Site, _kiosk.Id, finished.Request.Id);
        Persist(finished, [StateMessage(finished.Request), new OutboxMessage(topic, [], Retain: true)], logFailure: true);
        _lastEnded = new HelpEnded(finished.Request.Id, finished.Request.State, finished.Request.Agent?.Name ?? call.Request.Agent?.Name, _time.GetUtcNow());
        _call = null;
        _conversation.Release();
    }

    private void Save(HelpCallRecord next, IReadOnlyCollection<OutboxMessage> outgoing)
    {
        Persist(next, outgoing, logFailure: true);
        _call = next;
    }

    /// <summary>
    /// Saves the record with its messages; messages still held in memory from earlier failures go first in the same
    /// transaction, so the outbox keeps the order they were made in. When the disk refuses, the messages are held in
    /// memory (and sent from there) and the record is kept for <see cref="RetryUnsaved"/>. False when not saved.
    /// </summary>
    private bool Persist(HelpCallRecord record, IReadOnlyCollection<OutboxMessage> outgoing, bool logFailure)
    {
        var carried = _outbox.Unsaved();
        try
        {
            _store.Save(record, [.. carried, .. outgoing]);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            if (_unsaved.Count == 0)
            {
                _lastSaveRetry = _time.GetUtcNow(); // the first retry comes a full interval later
            }

            // Once per call until it is saved: a chat line of a call already unsaved adds nothing to the log.
            if (logFailure && !_unsaved.ContainsKey(record.Request.Id))
            {
                Log.HelpCallNotSaved(_logger, record.Request.Id, _store.DatabasePath, e.Message, SaveRetrySeconds);
            }

            _unsaved[record.Request.Id] = record;
            _outbox.HoldUnsaved(outgoing);

            return false;
        }

        _outbox.ForgetUnsaved(carried);
        _unsaved.Remove(record.Request.Id);
        return true;
    }

    private HelpCallRecord Next(HelpCallRecord call, Func<HelpRequestMessage, HelpRequestMessage> change) =>
        call with { Request = change(call.Request) with { Revision = call.Request.Revision + 1, UpdatedAt = _time.GetUtcNow() } };

    private OutboxMessage StateMessage(HelpRequestMessage request) =>
        new(Topics.Request(_kiosk.Site, _kiosk.Id, request.Id), ProtocolJson.Encode(request), Retain: true);

    private OutboxMessage ChatMessageOut(ChatMessage line) =>
        new(Topics.Chat(_kiosk.Site, _kiosk.Id, line.RequestId), ProtocolJson.Encode(line), Retain: false);

    private HelpCallView ViewOf(HelpCallRecord call)
    {
        var request = call.Request;
        var delivered = _outbox.PendingCount(Topics.Request(_kiosk.Site, _kiosk.Id, request.Id)) == 0;
        int? position = null;
        double? estimate = null;
        if (_queue is { } queue && request.State == HelpState.Open)
        {
            var index = queue.Open.ToList().FindIndex(e => e.RequestId == request.Id);
            position = index >= 0 ? index + 1 : queue.Open.Count + 1; // not seen by the desks yet: behind everyone
            if (queue.MedianSecondsToClaim is { } median && queue.AgentsOnline > 0)
            {
                estimate = median * Math.Ceiling(position.Value / (double)queue.AgentsOnline);
            }
        }

        return new HelpCallView(request.Id, request.State, request.Reason, request.CreatedAt, delivered, request.Urgent, call.NoticeShown,
            request.Agent?.Name, position, _queue?.AgentsOnline, estimate, call.Chat, Saved: !_unsaved.ContainsKey(request.Id));
    }

    private static TranscriptLine ToTranscriptLine(TranscriptEntry entry) =>
        new(entry.At, entry.Speaker == Speaker.Shopper ? "shopper" : "assistant", entry.Text, entry.Intent, entry.Confidence);
}
