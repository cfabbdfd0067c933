using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KioskAssist.Tests.Provisioning;

[Trait("Category", "Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // checks Unix file modes
public sealed class CaInitTests : IDisposable
{
    private readonly FleetTool _tool = new();

    [Fact]
    public void Ca_init_writes_private_keys_0600_in_a_0700_directory_and_never_prints_them()
    {
        var output = _tool.Ok("ca", "init");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_tool.Dir));
        foreach (var key in new[] { _tool.Fleet.CaKey, _tool.Fleet.RolloutSigningKey, _tool.Fleet.OperatorKey, _tool.Fleet.Registry })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(_tool.Fleet.CaKey).Split('\n')[1], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ca_init_creates_a_ten_year_p256_ca_that_may_sign_certificates_and_crls()
    {
        _tool.Ok("ca", "init");

        using var ca = X509Certificate2.CreateFromPemFile(_tool.Fleet.CaCertificate, _tool.Fleet.CaKey);
        Assert.Equal(ca.SubjectName.Name, ca.IssuerName.Name);
        Assert.InRange(ca.NotAfter - ca.NotBefore, TimeSpan.FromDays(3650), TimeSpan.FromDays(3655));
        using var key = ca.GetECDsaPrivateKey()!;
        Assert.Equal(256, key.KeySize);
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage);

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(ca));
    }

    [Fact]
    public void The_rollout_key_pair_is_separate_from_the_ca_and_its_public_half_verifies_its_signatures()
    {
        _tool.Ok("ca", "init");

        using var signing = ECDsa.Create();
        signing.ImportFromPem(File.ReadAllText(_tool.Fleet.RolloutSigningKey));
        using var verifying = ECDsa.Create();
        verifying.ImportFromPem(File.ReadAllText(_tool.Fleet.RolloutPublicKey));
        byte[] data = [1, 2, 3];
        Assert.True(verifying.VerifyData(data, signing.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(_tool.Fleet.CaCertificate));
        Assert.NotEqual(ca.PublicKey.EncodedKeyValue.RawData, verifying.ExportSubjectPublicKeyInfo());
        Assert.NotEqual(File.ReadAllText(_tool.Fleet.CaKey), File.ReadAllText(_tool.Fleet.RolloutSigningKey));
    }

    [Fact]
    public void Ca_init_refuses_to_replace_a_ca_without_force()
    {
        _tool.Ok("ca", "init");
        var first = File.ReadAllText(_tool.Fleet.CaCertificate);

        var (code, _, error) = _tool.Run("ca", "init");

        Assert.Equal(2, code);
        Assert.StartsWith("error: a fleet CA exists", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(first, File.ReadAllText(_tool.Fleet.CaCertificate));
        _tool.Ok("ca", "init", "--force");
        Assert.NotEqual(first, File.ReadAllText(_tool.Fleet.CaCertificate));
    }

    public void Dispose() => _tool.Dispose();
}
