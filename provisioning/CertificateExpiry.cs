namespace KioskAssist.Provisioning;

/// <summary>One certificate (or the CRL) and when it runs out, as <c>certs list</c> shows it.</summary>
/// <param name="Kind">kiosk, operator, broker, ca or crl.</param>
/// <param name="Level">ok, warning (30 days or less), critical (7 days or less) or expired.</param>
public sealed record CertificateExpiry(string Kind, string Name, string Serial, DateTimeOffset NotAfter, double DaysLeft, string Level, bool Bootstrap);
