using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The wait: the desks' queue, the bridge to them, the escalation ladder and the estimate.</summary>
public sealed partial class HelpCallCoordinator
{
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

    private OutboxMessage BridgeDownAlert(HelpRequestMessage request, DateTimeOffset now)
    {
        Log.BridgeDownStaffAlerted(_logger, _options.BridgeStateTopic, request.Id);
        return _messages.StaffAlert(request, now - request.CreatedAt, now);
    }

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
