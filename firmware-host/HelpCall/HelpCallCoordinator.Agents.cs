using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The call's agent side: an agent's claim, chat, release and resolve, judged by the kiosk; typing hints both ways.</summary>
public sealed partial class HelpCallCoordinator
{
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
}
