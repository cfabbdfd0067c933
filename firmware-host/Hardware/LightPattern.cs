namespace KioskAssist.FirmwareHost.Hardware;

/// <summary>What the button's light says.</summary>
public enum LightPattern
{
    /// <summary>Nobody called.</summary>
    Off,

    /// <summary>Calling a person.</summary>
    SlowBlink,

    /// <summary>Escalated: nobody claimed in time, store staff alerted.</summary>
    FastBlink,

    /// <summary>An agent took the call.</summary>
    Steady,

    /// <summary>The call is saved but the network is down; it goes out when the link returns.</summary>
    DoubleBlink,

    /// <summary>
    /// A store-staff member acknowledged and is walking over: a long glow with a short gap, like a beacon, so they can
    /// spot the kiosk from the aisle; unlike every other pattern it is mostly on but never steady.
    /// </summary>
    StaffComing,

    /// <summary>
    /// The checkout reported something the shopper should look at (a declined card, an item to bag): a slow one-second
    /// pulse, calmer than any call pattern, shown only while no call is open.
    /// </summary>
    Attention,
}
