using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Tests.Rollouts;

/// <summary>
/// One fleet and one Mosquitto configured by <c>kafleet broker-config</c> for the rollout tests: site "s" with a kiosk per
/// test (each test owns its kiosk's retained topics), site "c" of six kiosks that never run (for the canary), and a
/// second fleet whose rollout key the kiosks do not trust. Candidate models and answers are made by copying the
/// shipped ones and editing them.
/// </summary>
public sealed class RolloutFixture : IAsyncLifetime
{
    private readonly TempDirectory _work = new();
    private ConfiguredMosquitto? _broker;

    public FleetTool Fleet { get; } = new();

    public FleetTool OtherFleet { get; } = new();

    public int Port { get; } = FreePort.Next();

    public string BrokerLog => _broker?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        Fleet.Ok("ca", "init");
        foreach (var kiosk in new[] { "apply", "refuse", "forged", "golden", "answers", "abort", "nokey" })
        {
            Fleet.Ok("provision", "--site", "s", "--kiosk", kiosk);
        }

        for (var i = 1; i <= 6; i++)
        {
            Fleet.Ok("provision", "--site", "c", "--kiosk", $"k{i}");
        }

        var data = Fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var outDir = Fleet.File("broker");
        Fleet.Ok(
            "broker-config", "--out", outDir, "--port", $"{Port}", "--agent-port", $"{FreePort.Next()}", "--host", "localhost", "--host", "127.0.0.1",
            "--persistence-dir", data, "--user", Environment.UserName);
        OtherFleet.Ok("ca", "init");
        _broker = await ConfiguredMosquitto.StartAsync(Path.Combine(outDir, BrokerConfigWriter.ConfigFile), Port);
    }

    /// <summary>kafleet with the broker options filled in.</summary>
    public (int Code, string Output, string Error) Kafleet(params string[] args) =>
        Fleet.Run([.. args, "--broker-host", "localhost", "--broker-port", $"{Port}"]);

    /// <summary>The real kiosk host with its bundle (mutual TLS, the fleet's rollout key), its data in <paramref name="dataDirectory"/>; waits until it is connected.</summary>
    public async Task<KioskServer> StartKioskAsync(string kiosk, string dataDirectory, params string[] extra)
    {
        var bundle = Fleet.Fleet.Bundle("s", kiosk);
        string[] settings =
        [
            .. KioskSettingsArgs.ForBundleHere(bundle, Port),
            $"--Rollout:Directory={Path.Combine(dataDirectory, "rollouts")}",
            "--Hardware:Mode=Simulated",
            .. extra,
        ];
        var server = await KioskServer.StartAsync(settings, dataDirectory);
        await Eventually.TrueAsync(() => server.Get<KioskBrokerLink>().IsUp, $"kiosk {kiosk} connects (broker log: {BrokerLog})");
        return server;
    }

    /// <summary>A copy of the shipped model with another version and, when <paramref name="breakGolden"/>, a golden example that no longer holds; the manifest's checksums are re-hashed so only the self-check can tell.</summary>
    public string Candidate(string version, bool breakGolden = false)
    {
        var directory = _work.File($"model-{version}{(breakGolden ? "-broken" : string.Empty)}");
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(RepoPaths.CheckoutModel))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        var manifestPath = Path.Combine(directory, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["version"] = version;
        if (breakGolden)
        {
            var goldenPath = Path.Combine(directory, "golden.json");
            var golden = JsonNode.Parse(File.ReadAllText(goldenPath))!.AsArray();
            // The first example ("need approval for beer") now claims another intent: the model still says the old one.
            golden[0]!["intent"] = golden[1]!["intent"]!.GetValue<string>();
            File.WriteAllText(goldenPath, golden.ToJsonString());
            manifest["checksums"]!["golden.json"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(goldenPath)));
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return directory;
    }

    /// <summary>A copy of the shipped answers with another version and a new English text for <paramref name="intent"/>.</summary>
    public string Answers(string version, string intent, string englishText)
    {
        var answers = JsonNode.Parse(File.ReadAllText(RepoPaths.CheckoutAnswers))!.AsObject();
        answers["version"] = version;
        answers["intents"]![intent]!["text"]!["en"] = englishText;
        var path = _work.File($"answers-{version}.json");
        File.WriteAllText(path, answers.ToJsonString());
        return path;
    }

    /// <summary>An MQTT client as the operator (the only identity that may publish fleet commands and read reports). Disconnect it before kafleet runs: they share the client id.</summary>
    public Task<MqttTestClient> ConnectOperatorAsync() =>
        SecuredMqttClient.ConnectAsync(Port, Fleet.Fleet.CaCertificate, CaInitializer.OperatorIdentity, Fleet.Fleet.OperatorCertificate, Fleet.Fleet.OperatorKey);

    public string NewDataDirectory() => Directory.CreateDirectory(_work.File(Guid.NewGuid().ToString("N"))).FullName;

    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        Fleet.Dispose();
        OtherFleet.Dispose();
        _work.Dispose();
        await ValueTask.CompletedTask;
    }
}
