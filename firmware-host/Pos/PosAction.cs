namespace KioskAssist.FirmwareHost.Pos;

/// <summary>What the kiosk does about a POS event beyond showing its message.</summary>
public enum PosAction
{
    /// <summary>The message alone.</summary>
    None,

    /// <summary>The message with a "Talk to a person" button in it.</summary>
    OfferPerson,

    /// <summary>Calls a remote agent at once, as if the shopper had asked.</summary>
    CallPerson,

    /// <summary>
    /// Calls and alerts the store's own staff at once (the staff-alert path, so the desk's staff page shows it): age
    /// checks and lane locks need someone physically at the lane, not a voice in a chat.
    /// </summary>
    CallStaff,
}
