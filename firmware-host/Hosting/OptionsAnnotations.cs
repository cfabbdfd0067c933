using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol.Broker;
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

[OptionsValidator]
internal sealed partial class KioskOptionsAnnotations : IValidateOptions<KioskOptions>;

[OptionsValidator]
internal sealed partial class StorageOptionsAnnotations : IValidateOptions<StorageOptions>;

[OptionsValidator]
internal sealed partial class HelpOptionsAnnotations : IValidateOptions<HelpOptions>;

[OptionsValidator]
internal sealed partial class BrokerSettingsAnnotations : IValidateOptions<BrokerSettings>;

[OptionsValidator]
internal sealed partial class HardwareOptionsAnnotations : IValidateOptions<HardwareOptions>;

[OptionsValidator]
internal sealed partial class RolloutOptionsAnnotations : IValidateOptions<RolloutOptions>;

[OptionsValidator]
internal sealed partial class PosOptionsAnnotations : IValidateOptions<KioskAssist.FirmwareHost.Pos.PosOptions>;
