namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// What every signed-in browser sees, pushed on each change: the requests not yet gone (oldest first), whether the
/// desk reaches the broker, and the agents online. <see cref="Now"/> lets the page count waited time by the
/// desk's clock rather than the phone's. <see cref="Finished"/> holds recently ended requests (their last state, no
/// transcript) so an open pane can say how its request ended and an agent can see their day and its ratings.
/// </summary>
public sealed record DeskView(
    long Version,
    DateTimeOffset Now,
    bool BrokerConnected,
    int AgentsOnline,
    IReadOnlyList<RequestSummary> Requests,
    IReadOnlyList<RequestSummary> Finished);
