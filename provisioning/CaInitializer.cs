using System.Security.Cryptography;

namespace KioskAssist.Provisioning;

/// <summary>
/// Creates a fleet directory's CA, the separate key that signs rollouts, and the operator's client certificate.
/// The rollout key is not the CA key on purpose: a leaked device bundle or broker key never lets anyone sign a model,
/// and the signing key can live offline while the CA keeps issuing.
/// </summary>
public static class CaInitializer
{
    /// <summary>The CN of the operator's certificate: the only broker identity allowed to publish fleet commands.</summary>
    public const string OperatorIdentity = "kafleet-operator";

    public static void Run(FleetDirectory fleet, string name, bool force, TimeProvider time, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        if (fleet.HasCa && !force)
        {
            throw new FleetException($"a fleet CA exists in {fleet.Path}; pass --force to replace it (bundles issued by the old one will no longer connect).");
        }

        SecureFiles.CreatePrivateDirectory(fleet.Path);
        var now = time.GetUtcNow();
        var (certificate, key) = FleetAuthority.CreateRoot(name, now);
        using (certificate)
        using (key)
        {
            SecureFiles.WriteSecret(fleet.CaKey, key.ExportPkcs8PrivateKeyPem());
            SecureFiles.WritePublic(fleet.CaCertificate, certificate.ExportCertificatePem());
        }

        using (var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            SecureFiles.WriteSecret(fleet.RolloutSigningKey, signing.ExportPkcs8PrivateKeyPem());
            SecureFiles.WritePublic(fleet.RolloutPublicKey, signing.ExportSubjectPublicKeyInfoPem());
        }

        using var authority = FleetAuthority.Load(fleet);
        using var registry = FleetRegistry.Open(fleet);
        var orphaned = registry.ActiveKiosks().Count;
        using var operatorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var operatorCertificate = authority.IssueClient(OperatorIdentity, operatorKey, now, TimeSpan.FromDays(365));
        registry.RecordIssued(CertificateKind.Operator, string.Empty, string.Empty, operatorCertificate);
        SecureFiles.WriteSecret(fleet.OperatorKey, operatorKey.ExportPkcs8PrivateKeyPem());
        SecureFiles.WritePublic(fleet.OperatorCertificate, operatorCertificate.Pem);

        output.WriteLine($"Created the fleet CA '{name}' in {fleet.Path} (valid until {authority.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}).");
        output.WriteLine($"  CA certificate       {fleet.CaCertificate} (SHA-256 {Convert.ToHexString(SHA256.HashData(authority.Certificate.RawData))})");
        output.WriteLine($"  CA private key       {fleet.CaKey} (0600)");
        output.WriteLine($"  rollout signing key  {fleet.RolloutSigningKey} (0600), public key {fleet.RolloutPublicKey}");
        output.WriteLine($"  operator certificate {fleet.OperatorCertificate} (CN={OperatorIdentity}), key {fleet.OperatorKey} (0600)");
        output.WriteLine("Keep the private keys off shared drives; back the directory up encrypted.");
        if (orphaned > 0)
        {
            output.WriteLine($"{orphaned} kiosks hold certificates from the replaced CA: provision them again (kafleet provision --csv …).");
        }
    }
}
