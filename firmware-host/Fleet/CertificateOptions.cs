using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>When the kiosk asks for a new client certificate. Bound from the <c>Certificates</c> section.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>
    /// The share of its lifetime after which a certificate is renewed (0.667: a one-year certificate four months before
    /// it expires, so an operator who signs requests once a month still has three tries). A bootstrap certificate from
    /// the bundle is renewed at once.
    /// </summary>
    [Range(0.1, 0.95)]
    public double RenewAtFraction { get; set; } = 0.667;

    /// <summary>Minutes between checks of the certificate's age (also checked at every connect).</summary>
    [Range(1, 1440)]
    public int CheckIntervalMinutes { get; set; } = 60;
}
