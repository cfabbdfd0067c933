using System.Security.Cryptography.X509Certificates;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// One fleet and one Mosquitto configured by <c>kafleet broker-config</c> for all broker tests: kiosks s/a and s/b
/// active, s/c revoked, s/d for the real kiosk host, agent "ana", and a second fleet whose CA the broker has never seen.
/// </summary>
public sealed class SecuredBrokerFixture : IAsyncLifetime
{
    public const string AgentPassword = "correct horse battery";

    private ConfiguredMosquitto? _broker;

    public FleetTool Fleet { get; } = new();

    public FleetTool OtherFleet { get; } = new();

    public int Port { get; } = FreePort.Next();

    public int AgentPort { get; } = FreePort.Next();

    public string Ca => Fleet.Fleet.CaCertificate;

    public string BrokerLog => _broker?.Log ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        Fleet.Ok("ca", "init");
        foreach (var kiosk in new[] { "a", "b", "c", "d" })
        {
            Fleet.Ok("provision", "--site", "s", "--kiosk", kiosk);
        }

        Fleet.Ok("revoke", "--kiosk", "s/c");
        var (code, _, error) = Fleet.Run(["agent", "add", "--id", "ana", "--name", "Ana"], input: AgentPassword + "\n");
        Assert.True(code == 0, error);
        var data = Fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var outDir = Fleet.File("broker");
        Fleet.Ok(
            "broker-config", "--out", outDir, "--port", $"{Port}", "--agent-port", $"{AgentPort}", "--host", "localhost", "--host", "127.0.0.1",
            "--persistence-dir", data, "--user", Environment.UserName);

        OtherFleet.Ok("ca", "init");
        OtherFleet.Ok("provision", "--site", "s", "--kiosk", "a");

        _broker = await ConfiguredMosquitto.StartAsync(Path.Combine(outDir, BrokerConfigWriter.ConfigFile), Port);
    }

    /// <summary>Connects over mutual TLS with a bundle's key and certificate, as the kiosk does (protocol/Broker/BrokerConnection.cs).</summary>
    public Task<MqttTestClient> ConnectWithBundleAsync(FleetTool fleet, string site, string kiosk)
    {
        var bundle = fleet.Fleet.Bundle(site, kiosk);
        return SecuredMqttClient.ConnectAsync(Port, Ca, KioskIdentity.For(site, kiosk), Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey));
    }

    public Task<MqttTestClient> ConnectOperatorAsync() =>
        SecuredMqttClient.ConnectAsync(Port, Ca, CaInitializer.OperatorIdentity, Fleet.Fleet.OperatorCertificate, Fleet.Fleet.OperatorKey);

    public Task<MqttTestClient> ConnectAgentAsync(string user, string password) => SecuredMqttClient.ConnectAsync(AgentPort, Ca, "desk-test", user: user, password: password);


    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        Fleet.Dispose();
        OtherFleet.Dispose();
        await ValueTask.CompletedTask;
    }
}
