using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The help call as the shopper's screen and the button's light show it.</summary>
/// <param name="Delivered">The request reached the broker ("sent"); false while it waits in the outbox.</param>
/// <param name="QueuePosition">1-based place among open requests, from the desks' live queue; null when unknown.</param>
/// <param name="EstimateSeconds">Expected remaining wait while open (never null then; see <see cref="HelpEstimate"/>); null otherwise.</param>
/// <param name="Notice">The second escalation step passed: the screen says what happens next.</param>
/// <param name="Saved">False while the kiosk's disk would not take the call (full, failing): it is sent, but would not survive a power cut.</param>
/// <param name="Agent">The remote agent with initials for an avatar; null while nobody has the call.</param>
/// <param name="AgentTyping">The assigned agent typed within the last few seconds and has sent no line since.</param>
/// <param name="Staff">A store-staff member acknowledged and is walking over; null otherwise.</param>
/// <param name="Released">The call was given back to the queue by this agent; cleared at the next claim.</param>
/// <param name="EstimateAt">When <paramref name="EstimateSeconds"/> was computed.</param>
/// <param name="EstimateSource">Where the estimate comes from.</param>
/// <param name="StaffCalled">The store's own staff have been alerted for this call.</param>
public sealed record HelpCallView(
    string RequestId,
    HelpState State,
    HelpReason Reason,
    DateTimeOffset Since,
    bool Delivered,
    bool Urgent,
    bool Notice,
    string? AgentName,
    int? QueuePosition,
    int? AgentsOnline,
    double? EstimateSeconds,
    IReadOnlyList<ChatMessage> Chat,
    bool Saved = true,
    HelpAgentView? Agent = null,
    bool AgentTyping = false,
    HelpStaffView? Staff = null,
    HelpReleased? Released = null,
    DateTimeOffset? EstimateAt = null,
    EstimateSource? EstimateSource = null,
    bool StaffCalled = false)
{
    /// <summary>
    /// The call as shown: the place in the desks' live <paramref name="queue"/> (behind everyone when the desks have not
    /// seen it yet) and, while open, the <paramref name="estimate"/>; the agent's typing is worked out by the coordinator.
    /// </summary>
    public static HelpCallView Of(HelpCallRecord call, QueueMessage? queue, bool delivered, bool saved, HelpEstimate? estimate, bool agentTyping)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Request;
        var position = request.State == HelpState.Open ? PositionIn(queue, request.Id) : null;
        var open = request.State == HelpState.Open && estimate is not null;
        return new HelpCallView(request.Id, request.State, request.Reason, request.CreatedAt, delivered, request.Urgent, call.NoticeShown,
            request.Agent?.Name, position, queue?.AgentsOnline, open ? estimate!.Seconds : null, call.Chat, saved,
            request.Agent is { } agent ? HelpAgentView.Of(agent.Name) : null,
            agentTyping && request.Agent is not null,
            call.Staff is { } staff ? new HelpStaffView(staff.Name, staff.At) : null,
            call.Released,
            open ? estimate!.At : null,
            open ? estimate!.Source : null,
            call.StaffAlerted);
    }

    /// <summary>1-based place in the desks' queue; behind everyone when they have not seen it yet; null without a queue.</summary>
    public static int? PositionIn(QueueMessage? queue, string requestId)
    {
        if (queue is null)
        {
            return null;
        }

        var index = queue.Open.ToList().FindIndex(e => e.RequestId == requestId);
        return index >= 0 ? index + 1 : queue.Open.Count + 1;
    }
}
