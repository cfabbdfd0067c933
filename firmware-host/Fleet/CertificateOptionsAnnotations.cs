using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>The build-time generated data-annotation validator for <see cref="CertificateOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class CertificateOptionsAnnotations : IValidateOptions<CertificateOptions>;
