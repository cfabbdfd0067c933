using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;

namespace KioskAssist.Tests.Fleet;

/// <summary>The kiosk's renewal steps on its files: when it is due, and the certificates it refuses (network input is hostile).</summary>
[Trait("Category", "Unit")]
public sealed class KioskCertificateFilesTests : IDisposable
{
    private readonly FleetTool _fleet = new();
    private readonly FleetTool _otherFleet = new();

    public KioskCertificateFilesTests()
    {
        _fleet.Ok("ca", "init");
        _fleet.Ok("provision", "--site", "s", "--kiosk", "k1");
        _otherFleet.Ok("ca", "init");
    }

    private string Bundle => _fleet.Fleet.Bundle("s", "k1");

    private KioskCertificateFiles Files => new(
        Path.Combine(Bundle, BundleFiles.ClientCertificate), Path.Combine(Bundle, BundleFiles.ClientKey), Path.Combine(Bundle, BundleFiles.CaCertificate), "kiosk-s-k1");

    [Fact]
    public void A_certificate_is_due_at_the_configured_share_of_its_life_and_a_bootstrap_one_at_once()
    {
        using var authority = FleetAuthority.Load(_fleet.Fleet);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var year = X509Certificate2.CreateFromPem(authority.IssueClient("kiosk-s-k1", key, start, TimeSpan.FromDays(300)).Pem);
        var notBefore = new DateTimeOffset(year.NotBefore.ToUniversalTime());
        var lifetime = new DateTimeOffset(year.NotAfter.ToUniversalTime()) - notBefore;
        Assert.False(KioskCertificateFiles.IsDue(year, notBefore + (lifetime * 0.66), 0.667));
        Assert.True(KioskCertificateFiles.IsDue(year, notBefore + (lifetime * 0.67), 0.667));
        using var bootstrap = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Bundle, BundleFiles.ClientCertificate)));
        Assert.True(KioskCertificateFiles.IsDue(bootstrap, DateTimeOffset.UtcNow, 0.667));
    }

    [Fact]
    public void Refuses_a_certificate_for_another_key_from_another_ca_for_another_kiosk_or_garbage_and_installs_the_right_one()
    {
        var files = Files;
        var request = CertificateRequest.LoadSigningRequestPem(files.CreateRequest(), HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var authority = FleetAuthority.Load(_fleet.Fleet);
        using var other = FleetAuthority.Load(_otherFleet.Fleet);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] Pem(IssuedCertificate issued) => Encoding.ASCII.GetBytes(issued.Pem);

        Assert.Equal("no request is pending", new KioskCertificateFiles(
            Path.Combine(Bundle, BundleFiles.ClientCertificate), Path.Combine(Bundle, "other.key"), Path.Combine(Bundle, BundleFiles.CaCertificate), "kiosk-s-k1")
            .TryInstall(Pem(authority.IssueClient("kiosk-s-k1", request.PublicKey, now, TimeSpan.FromDays(365))), now, out _));
        Assert.Equal("not for the pending key", files.TryInstall(Pem(authority.IssueClient("kiosk-s-k1", stranger, now, TimeSpan.FromDays(365))), now, out _));
        Assert.StartsWith("not signed by the fleet CA", files.TryInstall(Pem(other.IssueClient("kiosk-s-k1", request.PublicKey, now, TimeSpan.FromDays(365))), now, out _), StringComparison.Ordinal);
        Assert.Equal("not a certificate for kiosk-s-k1", files.TryInstall(Pem(authority.IssueClient("kiosk-s-k2", request.PublicKey, now, TimeSpan.FromDays(365))), now, out _));
        Assert.StartsWith("not a PEM certificate", files.TryInstall("garbage"u8.ToArray(), now, out _), StringComparison.Ordinal);
        Assert.True(File.Exists(files.PendingKeyFile), "nothing refused touched the pending key");

        var good = authority.IssueClient("kiosk-s-k1", request.PublicKey, now, TimeSpan.FromDays(365));
        Assert.Null(files.TryInstall(Pem(good), now, out var serial));
        Assert.Equal(good.Serial, serial);
        Assert.False(File.Exists(files.PendingKeyFile));
        using var installed = X509Certificate2.CreateFromPemFile(Path.Combine(Bundle, BundleFiles.ClientCertificate), Path.Combine(Bundle, BundleFiles.ClientKey));
        Assert.True(installed.HasPrivateKey, "the certificate and the key on disk belong together");
        Assert.Equal("the certificate in use already", files.TryInstall(Pem(good), now, out _));
    }

    public void Dispose()
    {
        _fleet.Dispose();
        _otherFleet.Dispose();
    }
}
