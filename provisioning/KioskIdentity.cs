using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// A kiosk's identity on the broker. It must equal the client id the kiosk connects with
/// (firmware-host/Broker/KioskBrokerLink.cs: <c>kiosk-{site}-{kiosk}</c>), because the broker takes the certificate's
/// CN as the user name and forces the client id to it.
/// </summary>
public static class KioskIdentity
{
    public const string Prefix = "kiosk-";

    public static string For(string site, string kiosk) => $"{Prefix}{site}-{kiosk}";

    /// <summary>Throws the operator-facing error when a site or kiosk id could not go into a topic.</summary>
    public static void Check(string site, string kiosk)
    {
        if (!Ids.IsValid(site))
        {
            throw new FleetException($"site '{site}' is not a valid id (1–64 letters, digits, '-' or '_').");
        }

        if (!Ids.IsValid(kiosk))
        {
            throw new FleetException($"kiosk '{kiosk}' is not a valid id (1–64 letters, digits, '-' or '_').");
        }

        if (For(site, kiosk).Length > 64)
        {
            // The kiosk checks its client id against the same 64-character rule and would refuse to start.
            throw new FleetException($"'{For(site, kiosk)}' is longer than 64 characters: shorten the site or kiosk id.");
        }
    }
}
