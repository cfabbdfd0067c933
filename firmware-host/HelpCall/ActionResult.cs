namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>What the kiosk did with an agent's action.</summary>
public enum ActionResult
{
    Applied,

    /// <summary>Already applied (at-least-once redelivery).</summary>
    Duplicate,

    /// <summary>Another agent claimed first, or the request is in a state that does not allow it.</summary>
    Refused,

    /// <summary>For a request this kiosk does not have open (finished, or not ours).</summary>
    UnknownRequest,
}
