namespace KioskAssist.AgentDesk.Live;

/// <summary>Identifies a help request across the fleet: the kiosk's site and id, and the request id.</summary>
public readonly record struct RequestKey(string Site, string Kiosk, string RequestId)
{
    public override string ToString() => $"{Site}/{Kiosk}/{RequestId}";
}
