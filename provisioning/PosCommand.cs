using System.CommandLine;
using System.Security.Cryptography;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>pos --site S --kiosk K --out DIR</c>: a client certificate for the POS of one lane (<c>pos-{site}-{kiosk}</c>),
/// with the fleet CA, for the mutual-TLS listener. The lane's kiosk must be active; once it is revoked, the next
/// broker-config leaves the POS no topic to publish on (its certificate is not on the CRL).
/// </summary>
public static class PosCommand
{
    /// <summary>A POS is replaced more often than a kiosk: one year.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var site = new Option<string>("--site") { Description = "The lane's site.", Required = true };
        var kiosk = new Option<string>("--kiosk") { Description = "The lane: its kiosk's id.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Where to write pos.key, pos.crt and ca.crt for the POS.", Required = true };
        var command = new Command("pos", "Issue the identity of a lane's POS: it may publish that lane's checkout events only (docs/pos.md).") { dir, site, kiosk, outDir };
        command.SetAction(result => FleetCli.Run(error, () => Issue(
            new FleetDirectory(result.GetValue(dir)!), result.GetValue(site)!, result.GetValue(kiosk)!, result.GetValue(outDir)!, TimeProvider.System, output)));
        return command;
    }

    public static int Issue(FleetDirectory fleet, string site, string kiosk, string outDir, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        KioskIdentity.Check(site, kiosk);
        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        if (!registry.ActiveKiosks().Any(k => k.Site == site && k.Kiosk == kiosk))
        {
            throw new FleetException($"{site}/{kiosk} is not an active kiosk: provision it first (a POS speaks for a lane that exists).");
        }

        SecureFiles.CreatePrivateDirectory(outDir);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = authority.IssueClient(PosIdentity.For(site, kiosk), key, time.GetUtcNow(), Validity);
        registry.RecordIssued(CertificateKind.Pos, site, kiosk, certificate);
        SecureFiles.WriteSecret(Path.Combine(outDir, "pos.key"), key.ExportPkcs8PrivateKeyPem());
        SecureFiles.WritePublic(Path.Combine(outDir, "pos.crt"), certificate.Pem);
        SecureFiles.WritePublic(Path.Combine(outDir, "ca.crt"), authority.Certificate.ExportCertificatePem());
        output.WriteLine($"Issued {PosIdentity.For(site, kiosk)} to {Path.GetFullPath(outDir)}: it may publish ka/v1/pos/{site}/{kiosk}/events only.");
        output.WriteLine("Run 'kafleet broker-config' again if this lane's kiosk is new to the broker.");
        return 0;
    }
}
