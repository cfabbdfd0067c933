using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>revoke --kiosk SITE/KIOSK</c>: every certificate the kiosk holds goes on the CRL.</summary>
public static class RevokeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var kiosk = new Option<string>("--kiosk") { Description = "The kiosk to cut off, as SITE/KIOSK.", Required = true };
        var command = new Command("revoke", "Revoke a kiosk's certificates (current and superseded) and rewrite the CRL.") { dir, kiosk };
        command.SetAction(result => FleetCli.Run(error, () =>
        {
            var parts = result.GetValue(kiosk)!.Split('/');
            if (parts.Length != 2)
            {
                throw new FleetException($"--kiosk '{result.GetValue(kiosk)}' must be SITE/KIOSK.");
            }

            return Revoke(new FleetDirectory(result.GetValue(dir)!), parts[0], parts[1], TimeProvider.System, output);
        }));
        return command;
    }

    public static int Revoke(FleetDirectory fleet, string site, string kiosk, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        KioskIdentity.Check(site, kiosk);
        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        var now = time.GetUtcNow();
        var serials = registry.RevokeKiosk(site, kiosk, now);
        if (serials.Count == 0)
        {
            throw new FleetException($"{site}/{kiosk} holds no certificate that is not revoked already.");
        }

        var (_, listed) = RevocationList.Write(fleet, authority, registry, now);
        output.WriteLine($"Revoked {site}/{kiosk}: {string.Join(", ", serials)}.");
        output.WriteLine($"Wrote {fleet.RevocationList} ({listed} revoked certificates). Run 'kafleet broker-config' again and reload the broker to apply it.");
        return 0;
    }
}
