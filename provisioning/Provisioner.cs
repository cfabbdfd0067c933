using System.Diagnostics;
using System.Security.Cryptography;
using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// Issues each kiosk a fresh key and certificate and writes its bundle. Everything is checked before the first
/// certificate is issued, so a bad CSV row leaves the fleet as it was. Each device is recorded in the registry
/// before its files are written: a crash in between leaves a recorded certificate that was never delivered (harmless,
/// revocable), never a delivered one the registry does not know.
/// </summary>
public sealed class Provisioner(FleetDirectory fleet, TimeProvider time)
{
    /// <summary>Kiosk certificates last a year; the kiosk renews its own from two thirds of that (docs/protocol.md, "Fleet: certificates").</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>
    /// A bundle's certificate is a bootstrap one: it lasts long enough to install the bundle and for the operator to run
    /// <c>kafleet certs sign-pending</c>; the kiosk makes its long-term key itself on first connect.
    /// </summary>
    public static readonly TimeSpan BootstrapValidity = TimeSpan.FromDays(30);

    /// <param name="rotate">Issue a new key to kiosks that already have an active certificate; without it they are kept as they are.</param>
    public void Provision(IReadOnlyList<DeviceRequest> devices, KioskSettings settings, TextWriter output, bool interactive, bool rotate = false)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        Check(devices, registry);
        var plan = ProvisionPlan.Make(devices, registry.Certificates(), rotate);
        var (kept, updated) = KeepProvisioned(plan, settings, output);
        devices = plan.Issue;

        var clock = Stopwatch.StartNew();
        var caPem = authority.Certificate.ExportCertificatePem();
        var rolloutKey = File.ReadAllText(fleet.RolloutPublicKey);
        var progress = new ProgressReporter(output, devices.Count, interactive);
        var rotated = 0;
        foreach (var device in devices)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var certificate = authority.IssueBootstrap(device.Identity, key, time.GetUtcNow(), BootstrapValidity);
            var superseded = registry.RecordIssued(CertificateKind.Kiosk, device.Site, device.Kiosk, certificate);
            rotated += superseded.Count > 0 ? 1 : 0;

            var bundle = fleet.Bundle(device.Site, device.Kiosk);
            SecureFiles.CreatePrivateDirectory(bundle);
            SecureFiles.WriteSecret(Path.Combine(bundle, BundleFiles.ClientKey), key.ExportPkcs8PrivateKeyPem());
            SecureFiles.WritePublic(Path.Combine(bundle, BundleFiles.ClientCertificate), certificate.Pem);
            SecureFiles.WritePublic(Path.Combine(bundle, BundleFiles.CaCertificate), caPem);
            SecureFiles.WritePublic(Path.Combine(bundle, BundleFiles.RolloutPublicKey), rolloutKey);
            SecureFiles.WritePublic(Path.Combine(bundle, BundleFiles.Settings), settings.For(device));

            var rotation = superseded.Count > 0 ? $", supersedes {string.Join(", ", superseded)}" : string.Empty;
            progress.Report($"{device.Site}/{device.Kiosk}: {device.Identity} serial {certificate.Serial}{rotation} -> {bundle}");
        }

        output.WriteLine(
            $"Provisioned {devices.Count} kiosk{(devices.Count == 1 ? "" : "s")} ({rotated} rotated) in {clock.Elapsed.TotalSeconds:F2} s; bundles in {fleet.Bundles}.");
        if (kept + plan.Revoked.Count > 0)
        {
            output.WriteLine($"Unchanged: {kept} already provisioned (keys kept; {updated} settings file(s) brought up to date; --rotate issues new keys), "
                + $"{plan.Revoked.Count} revoked (never issued again: give a replacement device a new kiosk id).");
        }
        if (devices.Any(device => device.BrokerHost == "localhost"))
        {
            output.WriteLine("Note: some bundles point at a broker on 'localhost' (the default); pass --broker-host for kiosks in a store.");
        }

        if (rotated > 0)
        {
            output.WriteLine("Rotated kiosks keep connecting with their old certificate until the new bundle is installed.");
        }
    }

    /// <summary>Kiosks already provisioned keep their key; only a settings file that differs from what this run would write is rewritten.</summary>
    private (int Kept, int Updated) KeepProvisioned(ProvisionPlan plan, KioskSettings settings, TextWriter output)
    {
        var updated = 0;
        foreach (var device in plan.Keep)
        {
            var file = Path.Combine(fleet.Bundle(device.Site, device.Kiosk), BundleFiles.Settings);
            var wanted = settings.For(device);
            var changed = !File.Exists(file) || File.ReadAllText(file) != wanted;
            if (changed && Directory.Exists(Path.GetDirectoryName(file)))
            {
                SecureFiles.WritePublic(file, wanted);
                updated++;
            }

            output.WriteLine($"{device.Site}/{device.Kiosk}: already provisioned, key kept{(changed ? "; settings updated (reinstall the bundle's appsettings.Production.json)" : string.Empty)}");
        }

        foreach (var device in plan.Revoked)
        {
            output.WriteLine($"{device.Site}/{device.Kiosk}: revoked, not issued again");
        }

        return (plan.Keep.Count, updated);
    }

    private static void Check(IReadOnlyList<DeviceRequest> devices, FleetRegistry registry)
    {
        if (devices.Count == 0)
        {
            throw new FleetException("no devices to provision.");
        }

        var problems = ProvisionPlan.Problems(devices).ToList();
        foreach (var device in devices)
        {
            if (Ids.IsValid(device.Site) && Ids.IsValid(device.Kiosk)
                && registry.IdentityHeldByAnother(device.Identity, device.Site, device.Kiosk) is { } holder)
            {
                problems.Add($"{(device.Where is null ? string.Empty : $"{device.Where}: ")}{device.Site}/{device.Kiosk} would share the broker identity {device.Identity} with {holder.Site}/{holder.Kiosk}; rename one.");
            }
        }

        if (problems.Count > 0)
        {
            throw new FleetException(ProvisionPlan.Describe(problems));
        }
    }
}
