namespace KioskAssist.FleetSimulator;

/// <summary>What the simulated kiosks and agents refused or dropped during a run. Thread-safe (interlocked).</summary>
public sealed class SimulatorCounters
{
    private long _claimsRefused;
    private long _duplicateActions;
    private long _actionsForUnknownRequests;
    private long _messagesDropped;
    private long _claimsUndecided;
    private long _publishRetries;

    /// <summary>Claims the kiosk refused because another agent had won: the first-come-first-served races.</summary>
    public long ClaimsRefused => Interlocked.Read(ref _claimsRefused);

    /// <summary>Agent actions delivered again (QoS 1) and applied once.</summary>
    public long DuplicateActions => Interlocked.Read(ref _duplicateActions);

    /// <summary>Actions for a request the kiosk no longer (or never) had.</summary>
    public long ActionsForUnknownRequests => Interlocked.Read(ref _actionsForUnknownRequests);

    /// <summary>Payloads that failed <see cref="KioskAssist.Protocol.ProtocolJson.TryDecode{T}"/>: logged, counted, dropped.</summary>
    public long MessagesDropped => Interlocked.Read(ref _messagesDropped);

    /// <summary>Claims an agent gave up on: no decision seen within the patience window.</summary>
    public long ClaimsUndecided => Interlocked.Read(ref _claimsUndecided);

    /// <summary>Kiosk publishes that failed (not connected, refused) and were tried again.</summary>
    public long PublishRetries => Interlocked.Read(ref _publishRetries);

    public void ClaimRefused() => Interlocked.Increment(ref _claimsRefused);

    public void DuplicateAction() => Interlocked.Increment(ref _duplicateActions);

    public void ActionForUnknownRequest() => Interlocked.Increment(ref _actionsForUnknownRequests);

    public void MessageDropped() => Interlocked.Increment(ref _messagesDropped);

    public void ClaimUndecided() => Interlocked.Increment(ref _claimsUndecided);

    public void PublishRetried() => Interlocked.Increment(ref _publishRetries);
}
