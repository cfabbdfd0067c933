using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KioskAssist.Provisioning;

/// <summary>
/// The fleet's certificate authority, loaded from a fleet directory: issues kiosk, broker and operator certificates
/// and signs the revocation list. Holds the CA's private key; the caller disposes it.
/// </summary>
public sealed class FleetAuthority : IDisposable
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    private readonly ECDsa _key;
    private readonly X509SignatureGenerator _signer;
    private readonly X509AuthorityKeyIdentifierExtension _authorityKeyId;

    private FleetAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
        _signer = X509SignatureGenerator.CreateForECDsa(key);
        _authorityKeyId = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificate, true, false);
    }

    /// <summary>The CA certificate (public part only): the trust anchor every kiosk and the broker get.</summary>
    public X509Certificate2 Certificate { get; }

    public static FleetAuthority Load(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        fleet.RequireCa();
        return LoadFrom(fleet.CaCertificate, fleet.CaKey);
    }

    /// <summary>A CA from its certificate and key files (the operators' CA lives beside the fleet's).</summary>
    public static FleetAuthority LoadFrom(string certificateFile, string keyFile)
    {
        var certificate = X509CertificateLoader.LoadCertificate(PemToDer(File.ReadAllText(certificateFile), "CERTIFICATE"));
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        return new FleetAuthority(certificate, key);
    }

    /// <summary>A new self-signed CA: ECDSA P-256, 10 years, CA:true with no intermediates, may sign certificates and CRLs.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) CreateRoot(string name, DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        subject.AddOrganizationName("KioskAssist");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        // Back-dated a few minutes so a device whose clock lags slightly still accepts it.
        return (request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10)), key);
    }

    /// <summary>A kiosk's client certificate: CN is its MQTT identity, which the broker uses as the user name.</summary>
    public IssuedCertificate IssueClient(string commonName, ECDsa subjectKey, DateTimeOffset now, TimeSpan validity) =>
        Issue(commonName, new PublicKey(subjectKey), now, validity, ClientAuth, subjectAlternativeNames: null);

    /// <summary>
    /// A kiosk's short-lived bootstrap certificate for its bundle: OU <c>bootstrap</c> tells the kiosk to make its own key
    /// and ask for its long-term certificate (<see cref="IssueClient(string, PublicKey, DateTimeOffset, TimeSpan)"/>) at once.
    /// </summary>
    public IssuedCertificate IssueBootstrap(string commonName, ECDsa subjectKey, DateTimeOffset now, TimeSpan validity) =>
        Issue(commonName, new PublicKey(subjectKey), now, validity, ClientAuth, subjectAlternativeNames: null, unit: BootstrapUnit);

    /// <summary>A client certificate for a public key from a certificate request (the private key never left its owner).</summary>
    public IssuedCertificate IssueClient(string commonName, PublicKey subjectKey, DateTimeOffset now, TimeSpan validity) =>
        Issue(commonName, subjectKey, now, validity, ClientAuth, subjectAlternativeNames: null);

    /// <summary>The organisational unit of bootstrap certificates (the kiosk's <c>KioskCertificateFiles.BootstrapUnit</c>).</summary>
    public const string BootstrapUnit = "bootstrap";

    /// <summary>The broker's server certificate, valid for the given host names and IP addresses.</summary>
    public IssuedCertificate IssueServer(IReadOnlyList<string> hosts, ECDsa subjectKey, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (System.Net.IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        return Issue(hosts[0], new PublicKey(subjectKey), now, validity, ServerAuth, names.Build());
    }

    /// <summary>Signs a CRL listing the given serials (hex), valid until <paramref name="nextUpdate"/>.</summary>
    public byte[] SignRevocationList(IEnumerable<(string Serial, DateTimeOffset RevokedAt)> revoked, System.Numerics.BigInteger crlNumber, DateTimeOffset now, DateTimeOffset nextUpdate)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serial, at) in revoked)
        {
            builder.AddEntry(Convert.FromHexString(serial), at, X509RevocationReason.KeyCompromise);
        }

        return builder.Build(Certificate.SubjectName, _signer, crlNumber, nextUpdate, HashAlgorithmName.SHA256, _authorityKeyId, now);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private IssuedCertificate Issue(string commonName, PublicKey subjectKey, DateTimeOffset now, TimeSpan validity, Oid usage, X509Extension? subjectAlternativeNames, string? unit = null)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        if (unit is not null)
        {
            subject.AddOrganizationalUnitName(unit);
        }

        subject.AddOrganizationName("KioskAssist");
        var request = new CertificateRequest(subject.Build(), subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(_authorityKeyId);
        if (subjectAlternativeNames is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeNames);
        }

        var notBefore = now.AddMinutes(-5);
        var notAfter = now.Add(validity);
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter; // nothing outlives the CA that vouches for it
        }

        using var certificate = request.Create(Certificate.SubjectName, _signer, notBefore, notAfter, NewSerial());
        return IssuedCertificate.From(certificate, now);
    }

    /// <summary>128 random bits, positive and without a leading zero byte, so the DER integer is exactly 16 bytes.</summary>
    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static byte[] PemToDer(string pem, string label)
    {
        var fields = PemEncoding.Find(pem);
        if (pem[fields.Label] != label)
        {
            throw new InvalidDataException($"expected a PEM '{label}', found '{pem[fields.Label]}'.");
        }

        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
