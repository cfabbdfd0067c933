using System.Security.Cryptography;

namespace KioskAssist.Provisioning;

/// <summary>
/// The fleet's CRL (<c>crl.pem</c>), regenerated from the registry's revoked certificates with a new CRL number.
/// The broker checks every client certificate against it; with a <c>crlfile</c> configured, OpenSSL refuses every
/// client once the CRL expires, so it is valid for a year and rewritten by every <c>revoke</c> and <c>broker-config</c>.
/// </summary>
public static class RevocationList
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>Signs and writes the CRL into the fleet directory; returns its PEM and how many serials it lists.</summary>
    public static (string Pem, int Count) Write(FleetDirectory fleet, FleetAuthority authority, FleetRegistry registry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(registry);
        var revoked = registry.Certificates(CertificateStatus.Revoked).Select(entry => (entry.Serial, entry.StatusChangedAt ?? now)).ToList();
        var der = authority.SignRevocationList(revoked, registry.NextCrlNumber(), now, now.Add(Validity));
        var pem = PemEncoding.WriteString("X509 CRL", der) + "\n";
        SecureFiles.WritePublic(fleet.RevocationList, pem);
        return (pem, revoked.Count);
    }
}
