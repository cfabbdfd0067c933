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
/// In parts, one concern a file, all under the one lock: the call itself (here), the agents' actions and typing hints
/// (<c>.Agents.cs</c>), the ladder, queue, bridge and estimate (<c>.Ladder.cs</c>), store staff and the rating
/// (<c>.StaffAndRating.cs</c>).
/// </remarks>
public sealed partial class HelpCallCoordinator
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
}
