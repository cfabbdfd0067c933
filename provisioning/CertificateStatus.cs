namespace KioskAssist.Provisioning;

/// <summary>A certificate's state in the registry, stored as its lower-case name.</summary>
public enum CertificateStatus
{
    /// <summary>The current certificate of its holder.</summary>
    Active,

    /// <summary>Replaced by a newer one (key rotation). Still cryptographically valid until it expires; not on the CRL.</summary>
    Superseded,

    /// <summary>On the CRL: the broker refuses it.</summary>
    Revoked,
}
