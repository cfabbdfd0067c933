using System.ComponentModel.DataAnnotations;

namespace KioskAssist.AgentDesk.Hosting;

/// <summary>Where the desk listens, where it keeps its data, and what it calls itself on the broker.</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>
    /// Loopback unless <see cref="AllowRemote"/>: in production agents reach the desk through a reverse proxy
    /// (TLS, the public host name in <c>AllowedHosts</c>) that runs on the same machine, so the desk itself never
    /// faces the network.
    /// </summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5090;

    /// <summary>Allows a non-loopback <see cref="BindAddress"/>, for a proxy on another machine. Off by default.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Folder of the agent accounts and session keys (0700), relative to the application folder.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The desk's id on the broker (MQTT client id and presence topic); unique per desk process. Empty: <c>desk-</c> and the machine name.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The sites this desk serves: it reads requests, chats and presence of these sites only, as the broker's ACL
    /// (<c>kafleet desk add --sites</c>) allows it. Empty: every site (a development broker with no ACL).
    /// </summary>
    public string[] Sites { get; set; } = [];

    /// <summary>Seconds between re-publishing the retained queue when nothing changed (kiosks age their estimate on it).</summary>
    [Range(1, 300)]
    public int QueueIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Addresses of the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the desk believes
    /// (the client's address for the sign-in throttle, https for Secure cookies and HSTS). From any other address
    /// those headers are ignored. Empty with <see cref="KnownNetworks"/> empty: loopback only (127.0.0.1, ::1), for
    /// the usual proxy on the same machine.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/24</c>) whose proxies are believed, as <see cref="KnownProxies"/>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Hours the desk keeps a request and its transcript and chat in memory after it last changed (docs/privacy.md). A
    /// request the kiosk never cleared (a kiosk that went away) is forgotten after this; an admin can export or delete one
    /// sooner (<c>/api/admin/requests/{site}/{kiosk}/{id}</c>).
    /// </summary>
    [Range(0.01, 720)]
    public double TranscriptRetentionHours { get; set; } = 24;

    /// <summary>The id the desk uses: <see cref="Id"/>, or one derived from the machine name.</summary>
    public string EffectiveId => EffectiveIdFor(string.Empty);

    /// <summary>
    /// The id the desk uses with a broker login <paramref name="brokerUser"/>: the login itself when set, because the
    /// broker forces the client id to it and pins the desk's agent-action topics to it (docs/protocol.md).
    /// </summary>
    public string EffectiveIdFor(string brokerUser)
    {
        ArgumentNullException.ThrowIfNull(brokerUser);
        if (brokerUser.Length > 0)
        {
            return brokerUser;
        }

        if (Id.Length > 0)
        {
            return Id;
        }

        var machine = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        var id = $"desk-{machine}";
        return id.Length > 64 ? id[..64] : id;
    }

    /// <summary>The data folder as an absolute path.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory, AppContext.BaseDirectory);
}
