namespace KioskAssist.Provisioning;

/// <summary>
/// Where named operators live in a fleet directory: <c>operators/NAME.crt</c> and <c>NAME.key</c> (0600), the operators'
/// own CA (<c>operators-ca.crt</c>, <c>operators-ca.key</c>) and the default operator (<c>operators/default</c>).
/// </summary>
/// <remarks>
/// Operators get certificates from a CA of their own on purpose: the broker's operator port trusts only that CA, so a
/// kiosk's certificate (from the fleet CA) cannot even connect there, and operator connections there may choose their
/// client ids (several commands at once) without a kiosk taking over anyone's session.
/// </remarks>
public static class OperatorDirectory
{
    public const string Prefix = "kafleet-op-";

    public static string Folder(FleetDirectory fleet) => Path.Combine(Fleet(fleet).Path, "operators");

    public static string CaCertificate(FleetDirectory fleet) => Path.Combine(Fleet(fleet).Path, "operators-ca.crt");

    public static string CaKey(FleetDirectory fleet) => Path.Combine(Fleet(fleet).Path, "operators-ca.key");

    public static string Certificate(FleetDirectory fleet, string name) => Path.Combine(Folder(fleet), $"{name}.crt");

    public static string Key(FleetDirectory fleet, string name) => Path.Combine(Folder(fleet), $"{name}.key");

    public static string DefaultFile(FleetDirectory fleet) => Path.Combine(Folder(fleet), "default");

    /// <summary>The broker user (the certificate's CN) of a named operator.</summary>
    public static string BrokerUser(string name) => Prefix + name;

    private static FleetDirectory Fleet(FleetDirectory fleet) => fleet ?? throw new ArgumentNullException(nameof(fleet));
}
