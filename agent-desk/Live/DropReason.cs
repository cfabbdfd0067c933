namespace KioskAssist.AgentDesk.Live;

/// <summary>Why a message from the broker was not applied. Counted per reason and shown on <c>/health</c>.</summary>
public enum DropReason
{
    /// <summary>Not JSON, wrong types, missing or invalid fields.</summary>
    Malformed,

    /// <summary>Over <see cref="Protocol.ProtocolJson.MaxPayloadBytes"/>.</summary>
    Oversized,

    /// <summary>A protocol version this desk does not speak.</summary>
    UnsupportedVersion,

    /// <summary>The payload names another site, kiosk or request than its topic.</summary>
    Mismatched,

    /// <summary>Already applied (same revision, or a chat id already known): at-least-once delivery.</summary>
    Duplicate,

    /// <summary>An older revision than the one applied.</summary>
    Stale,

    /// <summary>A chat line for a request the desk does not know.</summary>
    UnknownRequest,

    /// <summary>A topic outside the protocol.</summary>
    UnknownTopic,

    /// <summary>A request already holds the most chat lines the desk keeps.</summary>
    TooMany,
}
