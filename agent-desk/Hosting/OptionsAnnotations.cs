using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

// Data-annotation validators generated at build time (no reflection at start), one per options class.

[OptionsValidator]
internal sealed partial class DeskOptionsAnnotations : IValidateOptions<DeskOptions>;

[OptionsValidator]
internal sealed partial class BrokerSettingsAnnotations : IValidateOptions<BrokerSettings>;
