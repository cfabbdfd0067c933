using System.Text.Json;
using System.Text.Json.Nodes;

namespace KioskAssist.Provisioning;

/// <summary>
/// What every bundle's <c>appsettings.Production.json</c> says besides the device's own identity: pins, languages and
/// store facts. Defaults come from the kiosk's own appsettings.json (embedded at build), so a bundle never disagrees
/// with the firmware it runs on.
/// </summary>
public sealed class KioskSettings
{
    private KioskSettings(JsonObject hardware, JsonArray languages, JsonObject store)
    {
        Hardware = hardware;
        Languages = languages;
        Store = store;
    }

    public JsonObject Hardware { get; }

    public JsonArray Languages { get; }

    /// <summary>The <c>Store</c> section: <c>Name</c> and <c>Facts</c> per language.</summary>
    public JsonObject Store { get; private set; }

    public static KioskSettings Defaults()
    {
        using var stream = typeof(KioskSettings).Assembly.GetManifestResourceStream("kiosk-defaults.json")
            ?? throw new InvalidOperationException("kiosk-defaults.json is not embedded");
        var root = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        var hardware = new JsonObject
        {
            ["ButtonPin"] = root["Hardware"]!["ButtonPin"]!.DeepClone(),
            ["ButtonPullUp"] = root["Hardware"]!["ButtonPullUp"]!.DeepClone(),
            ["LightPin"] = root["Hardware"]!["LightPin"]!.DeepClone(),
        };
        return new KioskSettings(hardware, root["Screen"]!["Languages"]!.DeepClone().AsArray(), root["Store"]!.DeepClone().AsObject());
    }

    public KioskSettings WithPins(int? buttonPin, int? lightPin)
    {
        foreach (var (name, pin) in new[] { ("ButtonPin", buttonPin), ("LightPin", lightPin) })
        {
            if (pin is { } value)
            {
                Hardware[name] = value is >= 0 and <= 53 ? value : throw new FleetException($"--{name.Replace("Pin", "-pin", StringComparison.Ordinal).ToLowerInvariant()} {value} is not a BCM pin (0–53).");
            }
        }

        return this;
    }

    /// <summary>
    /// Replaces the store section with a file's (<c>{"Name": …, "Facts": {"en": {…}, "id": {…}}}</c>). Every fact the
    /// demo defaults have must be there in every language: the kiosk would otherwise silently fall back to the demo
    /// store's value from its base appsettings.json.
    /// </summary>
    public KioskSettings WithStoreFacts(string path)
    {
        JsonObject store;
        try
        {
            store = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FleetException($"{path} is not a JSON object.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FleetException($"{path} is not a store facts file: {e.Message}");
        }

        if (store["Name"]?.GetValueKind() != JsonValueKind.String)
        {
            throw new FleetException($"{path}: 'Name' (the store's name) is missing.");
        }

        var required = Store["Facts"]!.AsObject().First().Value!.AsObject().Select(fact => fact.Key).ToList();
        foreach (var language in Languages.Select(l => l!.GetValue<string>()))
        {
            var facts = store["Facts"]?[language] as JsonObject;
            if (required.FirstOrDefault(fact => facts?[fact] is null) is { } missing)
            {
                throw new FleetException($"{path}: Facts:{language}:{missing} is missing (every fact, in every screen language).");
            }
        }

        Store = store;
        return this;
    }

    /// <summary>
    /// The bundle's appsettings.Production.json for one device. The files it names are relative: the kiosk reads them
    /// from the settings file's own folder (firmware-host's <c>KioskConfigFile</c>), so a bundle runs wherever it is copied.
    /// </summary>
    public string For(DeviceRequest device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var settings = new JsonObject
        {
            ["Kiosk"] = new JsonObject { ["Site"] = device.Site, ["Id"] = device.Kiosk },
            ["Broker"] = new JsonObject
            {
                ["Host"] = device.BrokerHost,
                ["Port"] = device.BrokerPort,
                ["UseTls"] = true,
                ["CaCertificateFile"] = BundleFiles.CaCertificate,
                ["ClientCertificateFile"] = BundleFiles.ClientCertificate,
                ["ClientKeyFile"] = BundleFiles.ClientKey,
            },
            // The key the kiosk verifies rollouts with (firmware-host/Rollouts/).
            ["Rollout"] = new JsonObject { ["PublicKeyFile"] = BundleFiles.RolloutPublicKey },
            ["Hardware"] = Hardware.DeepClone(),
            ["Screen"] = new JsonObject { ["Languages"] = Languages.DeepClone() },
            ["Store"] = Store.DeepClone(),
        };
        return settings.ToJsonString(Json) + "\n";
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
