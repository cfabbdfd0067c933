namespace KioskAssist.FirmwareHost.Pos;

/// <summary>Why a POS event was dropped; counted by this name on <c>/health</c> (<c>pos.rejectedBy</c>).</summary>
public enum PosRejection
{
    /// <summary>Not a CloudEvent in structured JSON mode (bad JSON, a missing required attribute).</summary>
    Malformed,

    /// <summary>A <c>specversion</c> other than 1.0.</summary>
    UnsupportedVersion,

    /// <summary>A <c>type</c> not in docs/pos.md.</summary>
    UnknownType,

    /// <summary>A <c>data</c> field (or an extension attribute) outside the type's allow-list, or a value of the wrong shape.</summary>
    FieldNotAllowed,

    /// <summary>Something in the event looks like a card number (13–19 digits passing Luhn) or a magnetic-stripe track 2.</summary>
    CardData,

    /// <summary><c>source</c> is not this kiosk's lane.</summary>
    WrongLane,

    /// <summary>Larger than <see cref="PosOptions.MaxEventBytes"/>.</summary>
    TooLarge,

    /// <summary>The lane sent more than <see cref="PosOptions.MaxEventsPerSecond"/> (with the burst).</summary>
    RateLimited,

    /// <summary>The same <c>id</c> from the same lane again (at-least-once delivery): accepted once, then dropped.</summary>
    Duplicate,
}
