using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>The desk always joins a broker (it runs none of its own): a host is required, TLS client files come in pairs.</summary>
public sealed class BrokerSettingsRules : IValidateOptions<BrokerSettings>
{
    public ValidateOptionsResult Validate(string? name, BrokerSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Broker:Host is required: the desk joins the broker the kiosks use (127.0.0.1 for the kiosk's embedded one).");
        }

        if (options.ProtocolVersion is not (311 or 500))
        {
            failures.Add($"Broker:ProtocolVersion must be 311 or 500 (got {options.ProtocolVersion}).");
        }

        if ((options.ClientCertificateFile.Length > 0) != (options.ClientKeyFile.Length > 0))
        {
            failures.Add("Broker:ClientCertificateFile and Broker:ClientKeyFile go together: set both or neither.");
        }

        if (options.Username.Length > 0 && !KioskAssist.Protocol.Ids.IsValid(options.Username))
        {
            failures.Add("Broker:Username must be the desk's id from 'kafleet desk add' (1–64 letters, digits, '-' or '_'): it is the desk's identity on the broker.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
