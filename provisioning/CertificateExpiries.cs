using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KioskAssist.Provisioning;

/// <summary>
/// Everything in a fleet that expires: the CA, every active certificate of the registry (kiosks, operators, the broker's
/// server certificate the desks trust — desks log in with passwords, which do not expire) and the CRL, soonest first.
/// </summary>
public static class CertificateExpiries
{
    public const int WarningDays = 30;
    public const int CriticalDays = 7;

    public static IReadOnlyList<CertificateExpiry> Collect(FleetDirectory fleet, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        fleet.RequireCa();
        var rows = new List<CertificateExpiry>();
        using (var ca = X509Certificate2.CreateFromPem(File.ReadAllText(fleet.CaCertificate)))
        {
            rows.Add(Row("ca", ca.GetNameInfo(X509NameType.SimpleName, false), ca.SerialNumber, ca.NotAfter.ToUniversalTime(), now, bootstrap: false));
        }

        var bootstrapSerials = new HashSet<string>(StringComparer.Ordinal);
        using (var registry = FleetRegistry.Open(fleet))
        {
            foreach (var entry in registry.Certificates(CertificateStatus.Active))
            {
                // Bundles carry a 30-day bootstrap certificate until the kiosk's own request is signed.
                var bootstrap = entry.Kind == CertificateKind.Kiosk && entry.NotAfter - entry.NotBefore < Provisioner.Validity / 2;
                var name = entry.Kind == CertificateKind.Kiosk ? $"{entry.Site}/{entry.Kiosk}" : entry.Identity;
                rows.Add(Row(entry.Kind.ToString().ToLowerInvariant(), name, entry.Serial, entry.NotAfter, now, bootstrap));
            }
        }

        if (File.Exists(fleet.RevocationList) && NextUpdate(File.ReadAllText(fleet.RevocationList)) is { } next)
        {
            rows.Add(Row("crl", "crl.pem (next update)", string.Empty, next, now, bootstrap: false));
        }

        return [.. rows.OrderBy(r => r.NotAfter).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    private static CertificateExpiry Row(string kind, string name, string serial, DateTimeOffset notAfter, DateTimeOffset now, bool bootstrap)
    {
        var days = (notAfter - now).TotalDays;
        var level = days <= 0 ? "expired" : days <= CriticalDays ? "critical" : days <= WarningDays ? "warning" : "ok";
        return new CertificateExpiry(kind, name, serial, notAfter, Math.Round(days, 1), level, bootstrap);
    }

    /// <summary>The CRL's nextUpdate (RFC 5280 5.1.2.5), or null when the file holds none.</summary>
    internal static DateTimeOffset? NextUpdate(string pem)
    {
        var fields = PemEncoding.Find(pem);
        var outer = new AsnReader(Convert.FromBase64String(pem[fields.Base64Data]), AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger(); // version
        }

        tbs.ReadSequence(); // signature algorithm
        tbs.ReadEncodedValue(); // issuer
        ReadTime(tbs); // thisUpdate
        return tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime))
            ? ReadTime(tbs) : null;
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
