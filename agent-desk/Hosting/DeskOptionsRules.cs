using System.Net;
using KioskAssist.Protocol;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>What annotations cannot say: loopback unless remote is allowed, a usable desk id, proxies that are addresses.</summary>
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

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"Desk:KnownProxies:{i} must be an IP address of a reverse proxy (got '{options.KnownProxies[i]}').");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                failures.Add($"Desk:KnownNetworks:{i} must be a network in CIDR form such as 10.0.0.0/24 (got '{options.KnownNetworks[i]}').");
            }
        }

        foreach (var site in options.Sites.Where(site => !Ids.IsValid(site)))
        {
            failures.Add($"Desk:Sites must hold site ids of 1–64 letters, digits, '-' or '_' (got '{site}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
