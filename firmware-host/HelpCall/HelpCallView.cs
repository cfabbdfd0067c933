using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The help call as the shopper's screen and the button's light show it.</summary>
/// <param name="Delivered">The request reached the broker ("sent"); false while it waits in the outbox.</param>
/// <param name="QueuePosition">1-based place among open requests, from the desks' live queue; null when unknown.</param>
/// <param name="EstimateSeconds">Expected wait from the recent median time to claim; null when there is no data.</param>
/// <param name="Notice">The second escalation step passed: the screen says what happens next.</param>
/// <param name="Saved">False while the kiosk's disk would not take the call (full, failing): it is sent, but would not survive a power cut.</param>
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
    bool Saved = true)
{
    /// <summary>
    /// The call as shown: the place in the desks' live <paramref name="queue"/> (behind everyone when the desks have not
    /// seen it yet) and the estimate from their median time to claim, per agent online.
    /// </summary>
    public static HelpCallView Of(HelpCallRecord call, QueueMessage? queue, bool delivered, bool saved)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Request;
        int? position = null;
        double? estimate = null;
        if (queue is not null && request.State == HelpState.Open)
        {
            var index = queue.Open.ToList().FindIndex(e => e.RequestId == request.Id);
            position = index >= 0 ? index + 1 : queue.Open.Count + 1; // not seen by the desks yet: behind everyone
            if (queue.MedianSecondsToClaim is { } median && queue.AgentsOnline > 0)
            {
                estimate = median * Math.Ceiling(position.Value / (double)queue.AgentsOnline);
            }
        }

        return new HelpCallView(request.Id, request.State, request.Reason, request.CreatedAt, delivered, request.Urgent, call.NoticeShown,
            request.Agent?.Name, position, queue?.AgentsOnline, estimate, call.Chat, saved);
    }
}
