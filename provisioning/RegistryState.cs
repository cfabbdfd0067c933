namespace KioskAssist.Provisioning;

/// <summary>What the device registry says of a kiosk <c>status</c> lists.</summary>
public enum RegistryState
{
    /// <summary>Holds an active certificate: the broker admits it.</summary>
    Active,

    /// <summary>Every certificate it held is revoked: the broker refuses it, whatever its last presence said.</summary>
    Revoked,

    /// <summary>Heard on the broker but unknown to this registry (another fleet directory issued it?).</summary>
    NotInRegistry,
}
