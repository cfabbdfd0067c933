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
/// Plain C# with a <see cref="TimeProvider"/>: tests drive it directly. Thread-safe (one lock): every decision, and
/// every call into <see cref="HelpCallPersistence"/> (which is not thread-safe), is made under it; <see cref="Changed"/>
/// is raised outside it. When the disk cannot take a change (full, failing), the call goes on from memory: its
/// messages are sent over the network without being saved, the screen says so, and <see cref="Tick"/> keeps trying to
/// save (see <see cref="HelpCallPersistence"/>).
/// </remarks>
public sealed class HelpCallCoordinator
{
    private readonly Lock _gate = new();
    private readonly HelpCallPersistence _persistence;
    private readonly HelpCallMessages _messages;
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
    private AgentRef? _lastEndedAgent; // who resolved the last call, for its rating
    private bool _bridgeDown;

    // Hints that live in memory only: an agent's typing, the shopper's last typing message, the estimate's round.
    private DateTimeOffset? _agentTypingAt;
    private DateTimeOffset? _shopperTypingSentAt;
    private int _estimateRound;

    // This kiosk's recent times from open to claim (seconds), the estimate before the desks give one.
    private readonly Queue<double> _recentClaimSeconds = new();

    /// <summary>How long "Ana is typing…" shows after her last typing action, unless a line from her comes first.</summary>
    public static readonly TimeSpan AgentTypingShownFor = TimeSpan.FromSeconds(6);

    /// <summary>At most one <see cref="ShopperTypingMessage"/> per this interval.</summary>
    public static readonly TimeSpan ShopperTypingInterval = TimeSpan.FromSeconds(3);

    /// <summary>Recent claim times kept for the kiosk's own estimate.</summary>
    public const int RecentClaims = 20;

    public HelpCallCoordinator(
        HelpCallStore store, Outbox outbox, ShopperConversation conversation, IOptions<KioskOptions> kiosk, IOptions<HelpOptions> options,
        KioskMetrics metrics, TimeProvider time, ILogger<HelpCallCoordinator> logger)
    {
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(options);
        (_outbox, _conversation, _kiosk, _options, _metrics, _time, _logger) = (outbox, conversation, kiosk.Value, options.Value, metrics, time, logger);
        _persistence = new HelpCallPersistence(store, outbox, time, logger);
        _messages = new HelpCallMessages(_kiosk);
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
    /// <param name="staffNeeded">
    /// Someone must be physically at the lane (an age check, a locked lane): the store's staff are alerted at once, not
    /// after the urgent step.
    /// </param>
    public HelpCallView Start(HelpReason reason, bool staffNeeded = false)
    {
        lock (_gate)
        {
            if (_call is null)
            {
                var now = _time.GetUtcNow();
                var request = _messages.NewRequest(reason, _conversation.Snapshot(), now);
                _lastEnded = null;
                _lastEndedAgent = null;
                _agentTypingAt = null;
                _shopperTypingSentAt = null;
                _estimateRound = 0;
                // The central desks are cut off, or they say nobody is online: the store's own staff are told at once,
                // not after the urgent step, so "store staff have been called" is true from the first second.
                var noAgents = _queue is { AgentsOnline: 0 };
                var alertNow = _bridgeDown || noAgents || staffNeeded;
                if (noAgents && !_bridgeDown)
                {
                    Log.NoAgentsStaffAlerted(_logger, "the desks' queue says no agent is online", request.Id);
                }

                Save(new HelpCallRecord(request, [], [], now, NoticeShown: false, StaffAlerted: alertNow),
                    alertNow
                        ? [_messages.State(request), _bridgeDown ? BridgeDownAlert(request, now) : _messages.StaffAlert(request, TimeSpan.Zero, now)]
                        : [_messages.State(request)]);
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

            line = new ChatMessage(Ids.New(), _call.Request.Id, _call.Chat.Count + 1, "shopper", Privacy.PersonalDataMask.Apply(text.Trim()), _time.GetUtcNow());
            Save(_call with { Chat = [.. _call.Chat, line] }, [_messages.Chat(line)]);
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
        ArgumentNullException.ThrowIfNull(queue);
        lock (_gate)
        {
            _queue = queue;
            if (queue.AgentsOnline == 0 && _call is { Request.State: HelpState.Open, StaffAlerted: false } call)
            {
                Log.NoAgentsStaffAlerted(_logger, "the desks' queue says no agent is online", call.Request.Id);
                AlertStaff(call);
            }
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
                Save(call with { StaffAlerted = true }, [BridgeDownAlert(call.Request, _time.GetUtcNow())]);
                changed = true;
            }
            else if (up && _call is { } open)
            {
                _persistence.Send([_messages.State(open.Request)]);
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
            changed = _persistence.RetryIfDue();
            if (_agentTypingAt is { } typedAt && _time.GetUtcNow() - typedAt >= AgentTypingShownFor)
            {
                _agentTypingAt = null;
                changed = true;
            }

            if (_call is { Request.State: HelpState.Open } call)
            {
                var waited = _time.GetUtcNow() - call.OpenSince;
                var estimate = EstimateFor(call);
                if (estimate.Round != _estimateRound)
                {
                    _estimateRound = estimate.Round; // the wait ate the estimate: the screen gets the new figure
                    changed = true;
                }

                var sinceCreated = _time.GetUtcNow() - call.Request.CreatedAt;
                if (sinceCreated >= TimeSpan.FromSeconds(_options.ExpireAfterSeconds))
                {
                    Finish(call, r => r with { State = HelpState.Expired });
                    Log.HelpExpired(_logger, call.Request.Id);
                    changed = true;
                }
                else if (!call.Request.Urgent && waited >= TimeSpan.FromSeconds(_options.UrgentAfterSeconds))
                {
                    // Staff already alerted (nobody online, the bridge down) are not alerted twice for one call.
                    var next = Next(call, r => r with { Urgent = true }) with { StaffAlerted = true };
                    Save(next, call.StaffAlerted
                        ? [_messages.State(next.Request)]
                        : [_messages.State(next.Request), _messages.StaffAlert(call.Request, waited, _time.GetUtcNow())]);
                    Log.HelpEscalated(_logger, call.Request.Id, (int)waited.TotalSeconds);
                    changed = true;
                }
                else if (!call.NoticeShown && waited >= TimeSpan.FromSeconds(_options.NoticeAfterSeconds))
                {
                    Save(call with { NoticeShown = true }, []);
                    changed = true;
                }
                else if (!call.StaffAlerted && _queue is null && waited >= TimeSpan.FromSeconds(_options.NoDeskGraceSeconds))
                {
                    // No desk has said anything since the kiosk started: there may be nobody to answer at all.
                    Log.NoAgentsStaffAlerted(_logger, $"no desk's queue heard within {_options.NoDeskGraceSeconds} s", call.Request.Id);
                    AlertStaff(call);
                    changed = true;
                }
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// The shopper is typing in the call's message box. Returns the hint to publish (QoS 0, never through the outbox,
    /// never any text), or null when there is no call or one was sent less than <see cref="ShopperTypingInterval"/> ago.
    /// </summary>
    public ShopperTypingMessage? ShopperTyping()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_call is null || (_shopperTypingSentAt is { } last && now - last < ShopperTypingInterval && now >= last))
            {
                return null;
            }

            _shopperTypingSentAt = now;
            return new ShopperTypingMessage(_call.Request.Id, now);
        }
    }

    /// <summary>
    /// The shopper's rating (1..3) of the last call an agent resolved, once: saved to the outbox as a
    /// <see cref="HelpRatingMessage"/> and counted for the fleet.
    /// </summary>
    public RatingResult Rate(string requestId, int score)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (score is < HelpRatingMessage.MinScore or > HelpRatingMessage.MaxScore)
        {
            return RatingResult.BadScore;
        }

        lock (_gate)
        {
            if (_call is not null || _lastEnded is not { Ratable: true } ended || ended.RequestId != requestId)
            {
                Log.RatingRefused(_logger, requestId, "not the last resolved call, or already rated");
                return RatingResult.NotRatable;
            }

            var now = _time.GetUtcNow();
            var rating = new HelpRatingMessage(Ids.New(), requestId, _kiosk.Site, _kiosk.Id, _lastEndedAgent, score, now);
            _persistence.Send([_messages.Rating(rating)]);
            _lastEnded = ended with { Rating = score };
            _metrics.Rated(score);
            Log.HelpRated(_logger, requestId, score);
        }

        Changed?.Invoke();
        return RatingResult.Rated;
    }

    /// <summary>A new shopper: the last one's end message (and its rating offer) is not theirs to see.</summary>
    public void ForgetLastEnded()
    {
        lock (_gate)
        {
            if (_lastEnded is null)
            {
                return;
            }

            _lastEnded = null;
            _lastEndedAgent = null;
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// A store-staff member's "I'm on my way" from <c>ka/v1/staffack/{site}/{kiosk}/{request}</c>. The first one for the
    /// active call is saved with it (who, when) and shown; a redelivery of it is a duplicate; any later one is refused.
    /// </summary>
    public ActionResult ApplyStaffAck(StaffAckMessage ack, string topicRequestId)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ActionResult result;
        lock (_gate)
        {
            if (_call is not { } call || ack.RequestId != call.Request.Id || topicRequestId != call.Request.Id)
            {
                result = ActionResult.UnknownRequest;
            }
            else if (ack.Site != _kiosk.Site || ack.Kiosk != _kiosk.Id)
            {
                result = ActionResult.Refused;
            }
            else if (call.Staff is { } staff)
            {
                result = staff.AckId == ack.Id ? ActionResult.Duplicate : ActionResult.Refused;
            }
            else
            {
                var now = _time.GetUtcNow();
                Save(call with { Staff = new HelpStaff(ack.Staff.Id, ack.Staff.Name.Trim(), now, ack.Id) }, []);
                Log.StaffAcknowledged(_logger, call.Request.Id, ack.Staff.Id, (int)(now - call.Request.CreatedAt).TotalSeconds);
                result = ActionResult.Applied;
            }
        }

        if (result != ActionResult.Applied)
        {
            Log.StaffAckNotApplied(_logger, ack.Id, ack.Staff.Id, ack.RequestId, result.ToString());
        }
        else
        {
            Changed?.Invoke();
        }

        return result;
    }

    /// <summary>After a reconnect: publish the current state again, in case the broker lost its retained copy.</summary>
    public void Reannounce()
    {
        lock (_gate)
        {
            if (_call is not null)
            {
                _persistence.Send([_messages.State(_call.Request)]);
            }
        }
    }

    /// <summary>Seconds between attempts to save what the disk would not take.</summary>
    public const int SaveRetrySeconds = HelpCallPersistence.RetrySeconds;

    private OutboxMessage BridgeDownAlert(HelpRequestMessage request, DateTimeOffset now)
    {
        Log.BridgeDownStaffAlerted(_logger, _options.BridgeStateTopic, request.Id);
        return _messages.StaffAlert(request, now - request.CreatedAt, now);
    }

    private ActionResult ApplyLocked(AgentActionMessage action, string topicRequestId)
    {
        if (_call is not { } call || action.RequestId != call.Request.Id || topicRequestId != call.Request.Id)
        {
            return ActionResult.UnknownRequest;
        }

        var request = call.Request;
        var isAssignedAgent = request.Agent?.Id == action.Agent.Id && request.State is HelpState.Assigned or HelpState.Connected;
        if (action.Type == AgentActionType.Typing)
        {
            // A hint, not a change: neither saved nor remembered as applied, so a flood of them costs no disk.
            if (!isAssignedAgent)
            {
                return ActionResult.Refused;
            }

            _agentTypingAt = _time.GetUtcNow();
            return ActionResult.Applied;
        }

        if (call.AppliedActions.Contains(action.Id))
        {
            return ActionResult.Duplicate;
        }

        var applied = call with { AppliedActions = [.. call.AppliedActions.TakeLast(999), action.Id] };
        var agent = new AgentRef(action.Agent.Id, action.Agent.Name.Trim());
        switch (action.Type)
        {
            case AgentActionType.Claim when request.State == HelpState.Open:
                var claimed = Next(applied, r => r with { State = HelpState.Assigned, Agent = agent, ClaimedAt = _time.GetUtcNow() }) with { Released = null };
                Save(claimed, [_messages.State(claimed.Request)]);
                _metrics.HandedToPerson(_time.GetUtcNow() - call.OpenSince);
                RememberClaim(_time.GetUtcNow() - call.OpenSince);
                _agentTypingAt = null;
                return ActionResult.Applied;

            case AgentActionType.Connect when isAssignedAgent && request.State == HelpState.Assigned:
                var connected = Next(applied, r => r with { State = HelpState.Connected });
                Save(connected, [_messages.State(connected.Request)]);
                return ActionResult.Applied;

            case AgentActionType.Chat when isAssignedAgent && call.Chat.Count < _options.MaxChatLines:
                var line = new ChatMessage(Ids.New(), request.Id, call.Chat.Count + 1, "agent", Privacy.PersonalDataMask.Apply(action.Text!.Trim()), _time.GetUtcNow(), agent);
                var chatting = request.State == HelpState.Assigned ? Next(applied, r => r with { State = HelpState.Connected }) : applied;
                chatting = chatting with { Chat = [.. call.Chat, line] };
                _agentTypingAt = null; // her line is here: she is no longer "typing"

                Save(chatting, request.State == HelpState.Assigned
                    ? [_messages.State(chatting.Request), _messages.Chat(line)]
                    : [_messages.Chat(line)]);
                return ActionResult.Applied;

            case AgentActionType.Release when isAssignedAgent:
                var released = Next(applied, r => r with { State = HelpState.Open, Agent = null, ClaimedAt = null })
                    with { OpenSince = _time.GetUtcNow(), Released = new HelpReleased(agent.Name, _time.GetUtcNow()) };
                _agentTypingAt = null;
                _estimateRound = 0;
                Save(released, [_messages.State(released.Request)]);
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
        _persistence.Save(finished, [_messages.State(finished.Request), _messages.Cleared(finished.Request.Id)]);
        _lastEnded = new HelpEnded(finished.Request.Id, finished.Request.State, finished.Request.Agent?.Name ?? call.Request.Agent?.Name, _time.GetUtcNow());
        _lastEndedAgent = finished.Request.Agent ?? call.Request.Agent;
        _agentTypingAt = null;
        _call = null;
        _conversation.Release();
    }

    private void Save(HelpCallRecord next, IReadOnlyCollection<OutboxMessage> outgoing)
    {
        _persistence.Save(next, outgoing);
        _call = next;
    }

    private HelpCallRecord Next(HelpCallRecord call, Func<HelpRequestMessage, HelpRequestMessage> change) =>
        call with { Request = change(call.Request) with { Revision = call.Request.Revision + 1, UpdatedAt = _time.GetUtcNow() } };

    private HelpCallView ViewOf(HelpCallRecord call) =>
        HelpCallView.Of(call, _queue, delivered: _outbox.PendingCount(Topics.Request(_kiosk.Site, _kiosk.Id, call.Request.Id)) == 0,
            saved: _persistence.IsSaved(call.Request.Id),
            estimate: call.Request.State == HelpState.Open ? EstimateFor(call) : null,
            agentTyping: _agentTypingAt is { } at && _time.GetUtcNow() - at < AgentTypingShownFor);

    /// <summary>The remaining wait of an open call, from the desks' queue or this kiosk's own figure. Call under the lock.</summary>
    private HelpEstimate EstimateFor(HelpCallRecord call) =>
        HelpEstimate.For(_queue, HelpCallView.PositionIn(_queue, call.Request.Id),
            _recentClaimSeconds.Count > 0 ? Math.Max(1, KioskMetrics.Median(_recentClaimSeconds)!.Value) : _options.DefaultEstimateSeconds,
            _time.GetUtcNow() - call.OpenSince, _time.GetUtcNow());

    private void RememberClaim(TimeSpan waited)
    {
        _recentClaimSeconds.Enqueue(Math.Max(0, waited.TotalSeconds));
        while (_recentClaimSeconds.Count > RecentClaims)
        {
            _recentClaimSeconds.Dequeue();
        }
    }

    /// <summary>Alerts the store's staff now for this call and remembers it, so the ladder does not alert them twice. Under the lock.</summary>
    private void AlertStaff(HelpCallRecord call)
    {
        var now = _time.GetUtcNow();
        Save(call with { StaffAlerted = true }, [_messages.StaffAlert(call.Request, now - call.Request.CreatedAt, now)]);
    }
}
