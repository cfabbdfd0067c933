using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// A fleet and a real Mosquitto configured by <c>kafleet broker-config</c> for the status tests: site s1 has k1 and k2
/// (run as real kiosks), k3 (never started) and k4 (revoked); site s3 has k5 (a bundle used by hand); site s4 has k6 (a
/// kiosk that reports rarely); site s5 has k7 (a kiosk that dies, for <c>--fail-on</c>); site s6 has k8 (metrics on change); agent "ana".
/// </summary>
public sealed class FleetStatusFixture : IAsyncLifetime
{
    public const string AgentPassword = "correct horse battery";

    /// <summary>The desk login the tests publish agent actions with (a desk, not a person, is the broker identity).</summary>
    public const string DeskId = "desk-fleet";

    private ConfiguredMosquitto? _broker;

    public FleetTool Fleet { get; } = new();

    public int Port { get; } = FreePort.Next();

    public int AgentPort { get; } = FreePort.Next();

    public string BrokerLog => _broker?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        Fleet.Ok("ca", "init");
        foreach (var (site, kiosk) in new[] { ("s1", "k1"), ("s1", "k2"), ("s1", "k3"), ("s1", "k4"), ("s3", "k5"), ("s4", "k6"), ("s5", "k7"), ("s6", "k8") })
        {
            Fleet.Ok("provision", "--site", site, "--kiosk", kiosk);
        }

        Fleet.Ok("revoke", "--kiosk", "s1/k4");
        var (code, _, error) = Fleet.Run(["desk", "add", "--id", DeskId, "--name", "Fleet test desk", "--sites", "s1"], input: AgentPassword + "\n");
        Assert.True(code == 0, error);
        var data = Fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var outDir = Fleet.File("broker");
        Fleet.Ok(
            "broker-config", "--out", outDir, "--port", $"{Port}", "--agent-port", $"{AgentPort}", "--host", "localhost", "--host", "127.0.0.1",
            "--persistence-dir", data, "--user", Environment.UserName);
        _broker = await ConfiguredMosquitto.StartAsync(Path.Combine(outDir, BrokerConfigWriter.ConfigFile), Port);
    }

    /// <summary>
    /// A kiosk's settings from its bundle, as it would run them on the Pi, except where the files and the broker's
    /// port are on this machine; metrics every second so tests need not wait a minute.
    /// </summary>
    public string[] KioskSettings(string site, string kiosk, string dataDirectory, int metricsIntervalSeconds = 1)
    {
        var bundle = Fleet.Fleet.Bundle(site, kiosk);
        return
        [
            .. KioskSettingsArgs.ForBundleHere(bundle, Port),
            $"--Rollout:Directory={Path.Combine(dataDirectory, "rollouts")}",
            "--Hardware:Mode=Simulated",
            $"--Storage:Database={Path.Combine(dataDirectory, "kiosk.db")}",
            $"--Fleet:MetricsIntervalSeconds={metricsIntervalSeconds}",
            "--Help:UrgentAfterSeconds=600",
            "--Help:NoticeAfterSeconds=700",
        ];
    }

    /// <summary><c>kafleet status --json</c> for one site; fails the test unless it exits 0.</summary>
    public async Task<JsonElement> StatusJsonAsync(string site)
    {
        var (code, output, error) = await Fleet.RunAsync("status", "--broker-host", "127.0.0.1", "--broker-port", $"{Port}", "--site", site, "--wait-seconds", "0.5", "--json");
        Assert.True(code == 0, $"status exited {code}: {error} (broker log: {BrokerLog})");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>Runs <c>status --json</c> until <paramref name="condition"/> holds for the report; returns that report.</summary>
    public async Task<JsonElement> StatusUntilAsync(string site, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var report = await StatusJsonAsync(site);
            if (condition(report))
            {
                return report;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}. Last report: {report}\nBroker log: {BrokerLog}");
            }
        }
    }

    /// <summary><c>kafleet status</c> as an operator reads it; fails the test unless it exits 0.</summary>
    public async Task<string> StatusTableAsync(string site)
    {
        var (code, output, error) = await Fleet.RunAsync("status", "--broker-host", "127.0.0.1", "--broker-port", $"{Port}", "--site", site, "--wait-seconds", "0.5");
        Assert.True(code == 0, $"status exited {code}: {error}");
        return output;
    }

    /// <summary>An agent desk's login on the password listener.</summary>
    public Task<MqttTestClient> ConnectAgentAsync() => SecuredMqttClient.ConnectAsync(AgentPort, Fleet.Fleet.CaCertificate, DeskId, user: DeskId, password: AgentPassword);

    /// <summary>Connects with a kiosk's bundle (mutual TLS) as a hand-made client, to publish what a real kiosk would not.</summary>
    public Task<MqttTestClient> ConnectWithBundleAsync(string site, string kiosk)
    {
        var bundle = Fleet.Fleet.Bundle(site, kiosk);
        return SecuredMqttClient.ConnectAsync(Port, Fleet.Fleet.CaCertificate, KioskIdentity.For(site, kiosk),
            Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey));
    }


    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        Fleet.Dispose();
        await ValueTask.CompletedTask;
    }
}
