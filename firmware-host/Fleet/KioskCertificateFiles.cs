using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>
/// The kiosk's client certificate and key on disk, and the renewal steps on them: whether the certificate is due, a
/// request (CSR) for a key made here, and the checks before a signed certificate replaces the current one. The new key
/// waits in <c>{key}.pending</c> (0600) until its certificate arrives, so a restart in between keeps the request valid.
/// Not thread-safe: <see cref="CertificateRenewal"/> uses it from one loop.
/// </summary>
public sealed class KioskCertificateFiles(string certificateFile, string keyFile, string caFile, string identity)
{
    /// <summary>The organisational unit kafleet puts in a bundle's short-lived certificate: renew it at once.</summary>
    public const string BootstrapUnit = "bootstrap";

    /// <summary>What <see cref="TryInstall"/> says of the retained certificate the kiosk runs already (at every reconnect): nothing to log.</summary>
    public const string AlreadyInUse = "the certificate in use already";

    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public string PendingKeyFile => keyFile + ".pending";

    public X509Certificate2 LoadCurrent() => X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));

    public static bool IsBootstrap(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Any(rdn => rdn.GetSingleElementType().Value == "2.5.4.11" && rdn.GetSingleElementValue() == BootstrapUnit);
    }

    /// <summary>Due when it is a bootstrap certificate or <paramref name="fraction"/> of its lifetime has passed.</summary>
    public static bool IsDue(X509Certificate2 certificate, DateTimeOffset now, double fraction)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return IsBootstrap(certificate) || now >= notBefore + ((notAfter - notBefore) * fraction);
    }

    /// <summary>A PEM certificate request for the pending key (made now, P-256, if there is none), CN the kiosk's identity.</summary>
    public string CreateRequest()
    {
        using var key = LoadOrCreatePendingKey();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(identity);
        subject.AddOrganizationName("KioskAssist");
        return new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }

    /// <summary>
    /// Checks a signed certificate and, when it is for the pending key, makes it and the key the current ones (the
    /// certificate first: a crash in between is finished by <see cref="CompleteInterruptedSwap"/> at the next start).
    /// </summary>
    /// <returns>Null when installed (<paramref name="serial"/> set), else why it was not.</returns>
    public string? TryInstall(byte[] pem, DateTimeOffset now, out string serial)
    {
        ArgumentNullException.ThrowIfNull(pem);
        serial = string.Empty;
        X509Certificate2 offered;
        try
        {
            offered = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException e)
        {
            return $"not a PEM certificate ({e.Message})";
        }

        using (offered)
        using (var current = LoadCurrent())
        {
            if (offered.SerialNumber == current.SerialNumber)
            {
                return AlreadyInUse;
            }

            if (!File.Exists(PendingKeyFile))
            {
                return "no request is pending";
            }

            using var pending = LoadOrCreatePendingKey();
            if (offered.GetECDsaPublicKey() is not { } offeredKey
                || !offeredKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(pending.ExportSubjectPublicKeyInfo()))
            {
                return "not for the pending key";
            }

            if (offered.GetNameInfo(X509NameType.SimpleName, false) != identity || IsBootstrap(offered))
            {
                return $"not a certificate for {identity}";
            }

            if (!offered.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuth.Value)))
            {
                return "not a client certificate";
            }

            if (ChainProblem(offered, now) is { } problem)
            {
                return problem;
            }

            serial = offered.SerialNumber;
        }

        ReplaceFile(certificateFile, pem);
        File.Move(PendingKeyFile, keyFile, overwrite: true);
        return null;
    }

    /// <summary>
    /// At start: when the certificate on disk is for the pending key (a crash after the certificate was written), move
    /// the key into place so certificate and key match again. True when it did.
    /// </summary>
    public bool CompleteInterruptedSwap()
    {
        if (!File.Exists(PendingKeyFile) || !File.Exists(certificateFile))
        {
            return false;
        }

        using var current = LoadCurrent();
        using var pending = LoadOrCreatePendingKey();
        if (current.GetECDsaPublicKey()?.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(pending.ExportSubjectPublicKeyInfo()) != true)
        {
            return false;
        }

        File.Move(PendingKeyFile, keyFile, overwrite: true);
        return true;
    }

    private string? ChainProblem(X509Certificate2 offered, DateTimeOffset now)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(caFile);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        var problem = chain.Build(offered) ? null : $"not signed by the fleet CA or not valid now ({string.Join(", ", chain.ChainStatus.Select(s => s.Status))})";
        foreach (var anchor in anchors)
        {
            anchor.Dispose();
        }

        return problem;
    }

    private ECDsa LoadOrCreatePendingKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(PendingKeyFile))
        {
            key.ImportFromPem(File.ReadAllText(PendingKeyFile));
            return key;
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(PendingKeyFile, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return key;
    }

    /// <summary>Write beside, then rename: a reader never sees half a certificate.</summary>
    private static void ReplaceFile(string path, byte[] contents)
    {
        var temporary = path + ".new";
        File.WriteAllBytes(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }
}
