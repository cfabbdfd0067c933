namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>Where the wait estimate on screen comes from (JSON <c>"queue" | "no_agents" | "default"</c>).</summary>
public enum EstimateSource
{
    /// <summary>The desks' live queue: their median time to claim, per agent online, for this place in the queue.</summary>
    Queue,

    /// <summary>The desks say no agent is online: the store's staff were called; the figure is the kiosk's own.</summary>
    NoAgents,

    /// <summary>No usable queue: this kiosk's recent times to claim, or <c>Help:DefaultEstimateSeconds</c> before any.</summary>
    Default,
}
