namespace KioskAssist.FleetSimulator;

/// <summary>
/// What happened to one simulated help request, as its kiosk and its agents saw it. Times are
/// <see cref="SimulationClock"/> seconds. Written from several connections' receive loops: counters are interlocked,
/// each time is written once by its one owner (the kiosk).
/// </summary>
public sealed class RequestRecord(string id, string site, string kiosk, double handlingSeconds, PlannedRequest? plan)
{
    private int _claimsAccepted;
    private int _agentWins;

    public string Id { get; } = id;

    public string Site { get; } = site;

    public string Kiosk { get; } = kiosk;

    /// <summary>How long the winning agent holds it before resolving (0 for overhead probes).</summary>
    public double HandlingSeconds { get; } = handlingSeconds;

    /// <summary>The workload entry it came from; null for an overhead probe.</summary>
    public PlannedRequest? Plan { get; } = plan;

    /// <summary>Just before the kiosk's first publish of revision 1.</summary>
    public double PublishedAt { get; set; } = double.NaN;

    /// <summary>When the kiosk accepted the first valid claim (in its receive callback).</summary>
    public double ClaimedAt { get; private set; } = double.NaN;

    public double TimeToClaim => ClaimedAt - PublishedAt;

    /// <summary>Claims the kiosk accepted for this request; exactly 1 when the protocol holds.</summary>
    public int ClaimsAccepted => Volatile.Read(ref _claimsAccepted);

    /// <summary>Agents that saw the request assigned to themselves; exactly 1 when the protocol holds.</summary>
    public int AgentWins => Volatile.Read(ref _agentWins);

    /// <summary>Completes when the kiosk applied the winning agent's resolve.</summary>
    public TaskCompletionSource Resolved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the broker acknowledged the empty retained payload that clears the request.</summary>
    public TaskCompletionSource Cleared { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MarkClaimed(double at)
    {
        if (Interlocked.Increment(ref _claimsAccepted) == 1)
        {
            ClaimedAt = at;
        }
    }

    public void MarkWon() => Interlocked.Increment(ref _agentWins);
}
