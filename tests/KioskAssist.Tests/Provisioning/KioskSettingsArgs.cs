using System.Text.Json.Nodes;

namespace KioskAssist.Tests.Provisioning;

/// <summary>Turns a bundle's appsettings JSON into the kiosk's command-line form (<c>--Broker:Port=8883</c>), which overrides the kiosk's defaults the same way the file does.</summary>
public static class KioskSettingsArgs
{
    public static string[] From(string json) => [.. Flatten(JsonNode.Parse(json)!, string.Empty)];

    /// <summary>
    /// A bundle's settings as the kiosk would run them on the Pi, except that its files are still in the bundle folder
    /// (the bundle names them as installed, under /etc/kioskassist) and the broker listens on <paramref name="port"/>.
    /// </summary>
    public static string[] ForBundleHere(string bundle, int port) =>
    [
        .. From(File.ReadAllText(Path.Combine(bundle, KioskAssist.Provisioning.BundleFiles.Settings))),
        $"--Broker:Port={port}",
        $"--Broker:CaCertificateFile={Path.Combine(bundle, KioskAssist.Provisioning.BundleFiles.CaCertificate)}",
        $"--Broker:ClientCertificateFile={Path.Combine(bundle, KioskAssist.Provisioning.BundleFiles.ClientCertificate)}",
        $"--Broker:ClientKeyFile={Path.Combine(bundle, KioskAssist.Provisioning.BundleFiles.ClientKey)}",
        $"--Rollout:PublicKeyFile={Path.Combine(bundle, KioskAssist.Provisioning.BundleFiles.RolloutPublicKey)}",
        "--Broker:ReconnectMinSeconds=0.1",
        "--Broker:ReconnectMaxSeconds=1",
    ];

    private static IEnumerable<string> Flatten(JsonNode node, string prefix) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Flatten(p.Value!, prefix.Length == 0 ? p.Key : $"{prefix}:{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Flatten(item!, $"{prefix}:{i}")),
        _ => [$"--{prefix}={node.ToString()}"],
    };
}
