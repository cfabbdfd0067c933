using System.Net;
using KioskAssist.Protocol;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>What annotations cannot say: loopback unless remote is allowed, and a usable desk id.</summary>
public sealed class DeskOptionsRules : IValidateOptions<DeskOptions>
{
    public ValidateOptionsResult Validate(string? name, DeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out var address))
        {
            failures.Add($"Desk:BindAddress must be an IP address (got '{options.BindAddress}').");
        }
        else if (!IPAddress.IsLoopback(address) && !options.AllowRemote)
        {
            failures.Add($"Desk:BindAddress must be a loopback address such as 127.0.0.1 (got '{options.BindAddress}'): agents reach the desk through a reverse proxy. Set Desk:AllowRemote=true only for a proxy on another machine.");
        }

        if (options.Id.Length > 0 && !Ids.IsValid(options.Id))
        {
            failures.Add($"Desk:Id must be 1–64 letters, digits, '-' or '_' (got '{options.Id}').");
        }

        foreach (var site in options.Sites.Where(site => !Ids.IsValid(site)))
        {
            failures.Add($"Desk:Sites must hold site ids of 1–64 letters, digits, '-' or '_' (got '{site}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
