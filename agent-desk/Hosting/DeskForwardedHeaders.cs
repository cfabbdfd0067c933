using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>
/// Which proxies' <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the desk believes: only those in
/// <c>Desk:KnownProxies</c> / <c>Desk:KnownNetworks</c> (loopback when both are empty), one hop. The host name is
/// not taken from headers (<c>AllowedHosts</c> still applies to the request's own Host).
/// </summary>
public sealed class DeskForwardedHeaders(IOptions<DeskOptions> desk) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies(desk.Value))
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in desk.Value.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>The proxy addresses believed: the configured ones, or loopback when none are configured at all.</summary>
    public static IEnumerable<IPAddress> Proxies(DeskOptions desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        return desk.KnownProxies.Count == 0 && desk.KnownNetworks.Count == 0
            ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : desk.KnownProxies.Select(IPAddress.Parse);
    }

    /// <summary>For the start-up log: what is believed.</summary>
    public static string Describe(DeskOptions desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        return string.Join(", ", Proxies(desk).Select(p => p.ToString()).Concat(desk.KnownNetworks));
    }
}
