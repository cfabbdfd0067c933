using System.Security.Cryptography.X509Certificates;
using KioskAssist.Provisioning;

namespace KioskAssist.Tests.Provisioning;

[Trait("Category", "Integration")]
public sealed class RevokeTests : IDisposable
{
    private readonly FleetTool _tool = new();

    public RevokeTests() => _tool.Ok("ca", "init");

    [Fact]
    public void Revoke_marks_every_certificate_of_the_kiosk_revoked_and_writes_a_crl_listing_them()
    {
        _tool.Ok("provision", "--site", "s1", "--kiosk", "k1");
        _tool.Ok("provision", "--site", "s1", "--kiosk", "k1", "--rotate");
        _tool.Ok("provision", "--site", "s1", "--kiosk", "k2");

        _tool.Ok("revoke", "--kiosk", "s1/k1");

        using var registry = _tool.OpenRegistry();
        var k1 = registry.Certificates().Where(c => c.Kiosk == "k1").ToList();
        Assert.All(k1, c => Assert.Equal(CertificateStatus.Revoked, c.Status));
        Assert.Equal(CertificateStatus.Active, registry.Certificates().Single(c => c.Kiosk == "k2").Status);

        var pem = File.ReadAllText(_tool.Fleet.RevocationList);
        var crl = CertificateRevocationListBuilder.Load(Convert.FromBase64String(pem[PemEncodingRange(pem)]), out var number);
        Assert.True(number > 0);
        Assert.All(k1, c => Assert.True(crl.RemoveEntry(Convert.FromHexString(c.Serial)), $"{c.Serial} is not on the CRL"));
        Assert.False(crl.RemoveEntry(Convert.FromHexString(registry.Certificates().Single(c => c.Kiosk == "k2").Serial)));
    }

    [Fact]
    public void Revoking_an_unknown_kiosk_is_one_clear_error()
    {
        var (code, _, error) = _tool.Run("revoke", "--kiosk", "s1/nope");

        Assert.Equal(2, code);
        Assert.Equal("error: s1/nope holds no certificate that is not revoked already.", error.Trim());
    }

    private static Range PemEncodingRange(string pem) => System.Security.Cryptography.PemEncoding.Find(pem).Base64Data;

    public void Dispose() => _tool.Dispose();
}
