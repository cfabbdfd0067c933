namespace KioskAssist.Provisioning;

/// <summary>One kiosk to provision, and the broker its bundle points at.</summary>
/// <param name="Where">Where it was asked for, for error messages: <c>devices.csv:12</c>; null on the command line.</param>
public sealed record DeviceRequest(string Site, string Kiosk, string BrokerHost, int BrokerPort, string? Where = null)
{
    public string Identity => KioskIdentity.For(Site, Kiosk);
}
