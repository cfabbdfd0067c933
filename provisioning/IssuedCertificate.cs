using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KioskAssist.Provisioning;

/// <summary>A certificate just issued: its PEM and what the registry records about it (times in UTC).</summary>
public sealed record IssuedCertificate(string Pem, string Serial, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Fingerprint, DateTimeOffset IssuedAt)
{
    public static IssuedCertificate From(X509Certificate2 certificate, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new(
            certificate.ExportCertificatePem(),
            certificate.SerialNumber,
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            certificate.NotBefore.ToUniversalTime(),
            certificate.NotAfter.ToUniversalTime(),
            Convert.ToHexString(SHA256.HashData(certificate.RawData)),
            issuedAt);
    }
}
