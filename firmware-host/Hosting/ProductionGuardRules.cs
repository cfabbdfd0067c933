using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Hosting;

/// <summary>
/// In Production, refuses to start with the embedded broker (anonymous, loopback, no ACL) or simulated hardware (a web
/// endpoint that presses the help button) unless <see cref="ProductionGuardOptions"/> allows them. The message names
/// the key to fix and the key that would allow it; the host exits 78 (EX_CONFIG).
/// </summary>
public sealed class ProductionGuardRules(IHostEnvironment environment, IOptions<BrokerSettings> broker, IOptions<HardwareOptions> hardware)
    : IValidateOptions<ProductionGuardOptions>
{
    public ValidateOptionsResult Validate(string? name, ProductionGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsProduction())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (broker.Value.Host.Length == 0 && !options.AllowEmbeddedBroker)
        {
            failures.Add("Broker:Host is empty, which runs the embedded development broker (no authentication, no ACL): refused in Production. "
                + "Set Broker:Host to the store's broker, or Production:AllowEmbeddedBroker=true to run it anyway.");
        }

        if (hardware.Value.EffectiveMode(isDevelopment: false) == HardwareMode.Simulated && !options.AllowSimulatedHardware)
        {
            failures.Add("Hardware:Mode=Simulated maps /dev/button/press and drives no light: refused in Production. "
                + "Set Hardware:Mode=Gpio, or Production:AllowSimulatedHardware=true to run it anyway.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
