using System.Text.Json;

namespace KioskAssist.Provisioning;

/// <summary>
/// The broker kafleet talks to, remembered in the fleet directory (<c>broker.json</c>) by <c>broker-config</c> (its first
/// <c>--host</c> and <c>--port</c>) so later commands need no <c>--broker-host</c>/<c>--broker-port</c>. An option given on
/// the command line wins; with neither, <c>localhost:8883</c>. <c>OperatorPort</c> is the named operators' listener.
/// </summary>
public sealed record RememberedBroker(string Host, int Port, int? OperatorPort = null)
{
    public const string FileName = "broker.json";

    public static RememberedBroker Default { get; } = new("localhost", 8883);

    public static string PathIn(FleetDirectory fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return System.IO.Path.Combine(fleet.Path, FileName);
    }

    /// <summary>The remembered broker, or <see cref="Default"/> when none is (or the file is unreadable: then say so).</summary>
    public static RememberedBroker Load(FleetDirectory fleet)
    {
        var path = PathIn(fleet);
        if (!File.Exists(path))
        {
            return Default;
        }

        try
        {
            var remembered = JsonSerializer.Deserialize<RememberedBroker>(File.ReadAllText(path), Json);
            return remembered is { Host.Length: > 0, Port: >= 1 and <= 65535 } ? remembered : throw new FleetException($"{path} names no broker: re-run 'kafleet broker-config'.");
        }
        catch (JsonException e)
        {
            throw new FleetException($"{path} is not a broker file ({e.Message}): re-run 'kafleet broker-config' or delete it.");
        }
    }

    /// <summary>The host and port to use: the options where given, else the remembered ones.</summary>
    public static (string Host, int Port) Resolve(FleetDirectory fleet, string? host, int? port)
    {
        var remembered = host is null || port is null ? Load(fleet) : Default;
        return (host ?? remembered.Host, port ?? remembered.Port);
    }

    public void Save(FleetDirectory fleet) => SecureFiles.WritePublic(PathIn(fleet), JsonSerializer.Serialize(this, Json) + "\n");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
