namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// Development conveniences a kiosk in Production refuses unless a setting here says so explicitly, so a store never
/// runs them by accident (<see cref="ProductionGuardRules"/>).
/// </summary>
public sealed class ProductionGuardOptions
{
    public const string Section = "Production";

    /// <summary>Allows the embedded broker (an empty <c>Broker:Host</c>) in Production. It has no authentication and no ACL.</summary>
    public bool AllowEmbeddedBroker { get; set; }

    /// <summary>Allows <c>Hardware:Mode=Simulated</c> in Production: the light is not driven and <c>/dev/button/press</c> presses the button.</summary>
    public bool AllowSimulatedHardware { get; set; }
}
