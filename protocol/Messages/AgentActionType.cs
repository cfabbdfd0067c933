namespace KioskAssist.Protocol.Messages;

/// <summary>What an agent asks of a kiosk.</summary>
public enum AgentActionType
{
    /// <summary>Take an open request. The kiosk accepts the first valid claim; later ones lose.</summary>
    Claim,

    /// <summary>The assigned agent opened the chat.</summary>
    Connect,

    /// <summary>A chat line from the assigned agent (<see cref="AgentActionMessage.Text"/>).</summary>
    Chat,

    /// <summary>The assigned agent gives the request back to the queue.</summary>
    Release,

    /// <summary>The assigned agent finished it (<see cref="AgentActionMessage.Outcome"/>).</summary>
    Resolve,

    /// <summary>
    /// The assigned agent is typing. A hint for the shopper's screen only: the kiosk does not persist it, does not
    /// record it as applied, and forgets it after a few seconds or at the agent's next line. Desks send at most one per 3 s.
    /// </summary>
    Typing,
}
