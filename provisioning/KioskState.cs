namespace KioskAssist.Provisioning;

/// <summary>What the broker's retained presence says of a kiosk.</summary>
public enum KioskState
{
    Online,

    /// <summary>Said goodbye, or the broker published its Last Will.</summary>
    Offline,

    /// <summary>No presence on the broker: provisioned but never connected (or its retained presence was cleared).</summary>
    NeverSeen,
}
