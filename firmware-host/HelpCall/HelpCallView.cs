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
    bool Saved = true);
