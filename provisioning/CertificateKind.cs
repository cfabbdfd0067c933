namespace KioskAssist.Provisioning;

/// <summary>Who a certificate was issued to, stored as its lower-case name.</summary>
public enum CertificateKind
{
    Kiosk,
    Broker,
    Operator,

    /// <summary>A lane's POS (<c>pos-{site}-{kiosk}</c>): may publish that lane's checkout events only (docs/pos.md).</summary>
    Pos,
}
