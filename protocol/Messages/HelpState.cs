namespace KioskAssist.Protocol.Messages;

/// <summary>Life of a help request: <c>open → assigned → connected → resolved | cancelled | expired</c>.</summary>
public enum HelpState
{
    /// <summary>Waiting for an agent to claim it.</summary>
    Open,

    /// <summary>An agent claimed it and is on the way (the kiosk accepted the first valid claim).</summary>
    Assigned,

    /// <summary>The agent is chatting with the shopper.</summary>
    Connected,

    /// <summary>The agent finished it, with an outcome.</summary>
    Resolved,

    /// <summary>The shopper cancelled it.</summary>
    Cancelled,

    /// <summary>Nobody took it in time; the shopper was sent to the store's staff.</summary>
    Expired,
}
