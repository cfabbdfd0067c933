namespace KioskAssist.Provisioning;

/// <summary>Who a certificate was issued to, stored as its lower-case name.</summary>
public enum CertificateKind
{
    Kiosk,
    Broker,
    Operator,
}
