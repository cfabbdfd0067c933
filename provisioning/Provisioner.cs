using System.Diagnostics;
using System.Security.Cryptography;

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

    public void Provision(IReadOnlyList<DeviceRequest> devices, KioskSettings settings, TextWriter output, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        Check(devices, registry);

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
        if (devices.Any(device => device.BrokerHost == "localhost"))
        {
            output.WriteLine("Note: some bundles point at a broker on 'localhost' (the default); pass --broker-host for kiosks in a store.");
        }

        if (rotated > 0)
        {
            output.WriteLine("Rotated kiosks keep connecting with their old certificate until the new bundle is installed.");
        }
    }

    private static void Check(IReadOnlyList<DeviceRequest> devices, FleetRegistry registry)
    {
        if (devices.Count == 0)
        {
            throw new FleetException("no devices to provision.");
        }

        var seen = new Dictionary<string, DeviceRequest>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            KioskIdentity.Check(device.Site, device.Kiosk);
            if (string.IsNullOrWhiteSpace(device.BrokerHost) || Uri.CheckHostName(device.BrokerHost) == UriHostNameType.Unknown)
            {
                throw new FleetException($"{device.Site}/{device.Kiosk}: '{device.BrokerHost}' is not a host name.");
            }

            // kiosk-{site}-{kiosk} is ambiguous ("a-b"/"c" and "a"/"b-c" both give kiosk-a-b-c); the broker would
            // treat the two as one user, so the second may never be issued.
            if (seen.TryGetValue(device.Identity, out var first))
            {
                throw new FleetException(first.Site == device.Site && first.Kiosk == device.Kiosk
                    ? $"{device.Site}/{device.Kiosk} is listed twice."
                    : $"{device.Site}/{device.Kiosk} and {first.Site}/{first.Kiosk} would share the broker identity {device.Identity}; rename one.");
            }

            seen.Add(device.Identity, device);
            if (registry.IdentityHeldByAnother(device.Identity, device.Site, device.Kiosk) is { } holder)
            {
                throw new FleetException($"{device.Site}/{device.Kiosk} would share the broker identity {device.Identity} with {holder.Site}/{holder.Kiosk}; rename one.");
            }
        }
    }
}
