namespace KioskAssist.Provisioning;

/// <summary>One row of the registry's certificate table. Site and kiosk are empty for broker and operator certificates.</summary>
public sealed record RegistryEntry(
    string Serial, CertificateKind Kind, string Identity, string Site, string Kiosk, DateTimeOffset NotBefore, DateTimeOffset NotAfter,
    string Fingerprint, DateTimeOffset IssuedAt, CertificateStatus Status, DateTimeOffset? StatusChangedAt);
