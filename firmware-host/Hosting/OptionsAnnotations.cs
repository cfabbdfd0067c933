using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hosting;

// Data-annotation validators generated at build time (no reflection at start), one per options class.

[OptionsValidator]
internal sealed partial class ScreenOptionsAnnotations : IValidateOptions<ScreenOptions>;

[OptionsValidator]
internal sealed partial class ModelOptionsAnnotations : IValidateOptions<ModelOptions>;

[OptionsValidator]
internal sealed partial class AnswersOptionsAnnotations : IValidateOptions<AnswersOptions>;

[OptionsValidator]
internal sealed partial class StoreOptionsAnnotations : IValidateOptions<StoreOptions>;
