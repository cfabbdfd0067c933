namespace KioskAssist.Provisioning;

/// <summary>
/// Who a kafleet command acts as: a named operator from <c>kafleet operator add</c> (its own certificate, from the
/// operators' CA, on the broker's operator port where each connection picks its own client id), or — in a fleet with no
/// named operators — the fleet's original <c>kafleet-operator</c> certificate on the kiosks' port.
/// </summary>
/// <param name="Name">The operator's name, or <c>kafleet-operator</c>.</param>
/// <param name="Named">False for the original single operator identity.</param>
public sealed record OperatorIdentity(string Name, OperatorRole Role, string CertificateFile, string KeyFile, bool Named)
{
    /// <summary>The broker user name: the certificate's CN.</summary>
    public string BrokerUser => Named ? OperatorDirectory.BrokerUser(Name) : CaInitializer.OperatorIdentity;

    /// <summary>
    /// The acting operator of the command running on this async flow, set by <see cref="FleetCli"/> before a command's
    /// action runs (so the classes that connect need no extra parameter); the original operator when unset.
    /// </summary>
    public static OperatorIdentity Current
    {
        get => CurrentValue.Value ?? throw new InvalidOperationException("no operator is acting: FleetCli sets one before each command");
        set => CurrentValue.Value = value;
    }

    internal static bool IsSet => CurrentValue.Value is not null;

    private static readonly AsyncLocal<OperatorIdentity?> CurrentValue = new();

    public static OperatorIdentity Original(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return new(CaInitializer.OperatorIdentity, OperatorRole.Ca, fleet.OperatorCertificate, fleet.OperatorKey, Named: false);
    }
}
