namespace KioskAssist.FirmwareHost.Broker;

/// <summary>Why the kiosk did not act on a message from the broker. Counted per reason on <c>/health</c>.</summary>
public enum DropReason
{
    /// <summary>Empty, not JSON, wrong types, missing or invalid fields (logged as a warning).</summary>
    Malformed,

    /// <summary>Over <see cref="Protocol.ProtocolJson.MaxPayloadBytes"/> (logged as a warning).</summary>
    Oversized,

    /// <summary>A protocol version this kiosk does not speak (logged as a warning).</summary>
    UnsupportedVersion,

    /// <summary>A topic this kiosk does not read, e.g. a level that is not an id (logged as a warning).</summary>
    UnknownTopic,

    /// <summary>
    /// A valid action for a request this kiosk does not have open (logged with the action), or a rollout package no
    /// command on this kiosk is waiting for (logged as a warning).
    /// </summary>
    UnknownRequest,

    /// <summary>An action already applied: at-least-once redelivery (logged with the action).</summary>
    Duplicate,

    /// <summary>
    /// An action the request's state does not allow, e.g. a claim that lost (logged with the action); a fleet command
    /// or abort not signed with the fleet's key or not for this kiosk (logged and reported); a package that is not the
    /// one its topic names (logged as a warning, its rollout reported refused).
    /// </summary>
    Refused,

    /// <summary>
    /// An agent action on the old topic without the desk level (<c>ka/v1/agent/{site}/{kiosk}/{request}</c>): the kiosk
    /// cannot tell which desk sent it, so it never acts on it (logged as a warning).
    /// </summary>
    MissingDesk,

    /// <summary>
    /// An agent action for a request claimed through another desk: only the desk whose agent claimed may act on the
    /// request until it is released (logged as a warning with both desks).
    /// </summary>
    WrongDesk,
}
