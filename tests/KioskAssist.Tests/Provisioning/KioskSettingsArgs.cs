using System.Text.Json.Nodes;

namespace KioskAssist.Tests.Provisioning;

/// <summary>Turns a bundle's appsettings JSON into the kiosk's command-line form (<c>--Broker:Port=8883</c>), which overrides the kiosk's defaults the same way the file does.</summary>
public static class KioskSettingsArgs
{
    public static string[] From(string json) => [.. Flatten(JsonNode.Parse(json)!, string.Empty)];

    private static IEnumerable<string> Flatten(JsonNode node, string prefix) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Flatten(p.Value!, prefix.Length == 0 ? p.Key : $"{prefix}:{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Flatten(item!, $"{prefix}:{i}")),
        _ => [$"--{prefix}={node.ToString()}"],
    };
}
