namespace KioskAssist.Provisioning;

/// <summary>One kiosk to provision, and the broker its bundle points at.</summary>
public sealed record DeviceRequest(string Site, string Kiosk, string BrokerHost, int BrokerPort)
{
    public string Identity => KioskIdentity.For(Site, Kiosk);
}
