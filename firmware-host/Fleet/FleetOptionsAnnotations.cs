using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Fleet;

/// <summary>The build-time generated data-annotation validator for <see cref="FleetOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class FleetOptionsAnnotations : IValidateOptions<FleetOptions>;
