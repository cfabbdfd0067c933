using System.Security.Cryptography.X509Certificates;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// One fleet and one Mosquitto configured by <c>kafleet broker-config</c> for all broker tests: kiosks s/a and s/b
/// active, s/c revoked, s/d for the real kiosk host, desks desk-a and desk-b (site s) and desk-t (site t), and a second fleet whose CA the broker has never seen.
/// </summary>
public sealed class SecuredBrokerFixture : IAsyncLifetime
{
    public const string AgentPassword = "correct horse battery";

    /// <summary>Two desks serving site s, and one serving only site t.</summary>
    public const string DeskA = "desk-a";

    public const string DeskB = "desk-b";

    public const string DeskOther = "desk-t";

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

        Fleet.Ok("provision", "--site", "s", "--kiosk", "e");
        Fleet.Ok("provision", "--site", "t", "--kiosk", "x");
        Fleet.Ok("revoke", "--kiosk", "s/c");
        foreach (var (desk, site) in new[] { (DeskA, "s"), (DeskB, "s"), (DeskOther, "t") })
        {
            var (code, _, error) = Fleet.Run(["desk", "add", "--id", desk, "--name", desk, "--sites", site], input: AgentPassword + "\n");
            Assert.True(code == 0, error);
        }

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

    /// <summary>
    /// Settings for the real kiosk host as <paramref name="kiosk"/> of site s, from its bundle, against this broker (the
    /// bundle names its files as installed on the Pi; here they are still in the bundle folder).
    /// </summary>
    public string[] KioskSettings(string kiosk)
    {
        var bundle = Fleet.Fleet.Bundle("s", kiosk);
        return
        [
            .. KioskSettingsArgs.From(File.ReadAllText(Path.Combine(bundle, BundleFiles.Settings))),
            $"--Broker:Port={Port}",
            $"--Broker:CaCertificateFile={Path.Combine(bundle, BundleFiles.CaCertificate)}",
            $"--Broker:ClientCertificateFile={Path.Combine(bundle, BundleFiles.ClientCertificate)}",
            $"--Broker:ClientKeyFile={Path.Combine(bundle, BundleFiles.ClientKey)}",
            $"--Rollout:PublicKeyFile={Path.Combine(bundle, BundleFiles.RolloutPublicKey)}",
            "--Hardware:Mode=Simulated",
        ];
    }

    /// <summary>
    /// Settings for the real agent desk as <paramref name="desk"/> (a login from <c>kafleet desk add</c>) serving site
    /// <paramref name="site"/>: TLS on the agent port trusting only the fleet's CA, the desk's password login.
    /// </summary>
    public string[] DeskSettings(string desk, string site) =>
    [
        "--Broker:Host=localhost",
        $"--Broker:Port={AgentPort}",
        "--Broker:UseTls=true",
        $"--Broker:CaCertificateFile={Ca}",
        $"--Broker:Username={desk}",
        $"--Broker:Password={AgentPassword}",
        $"--Desk:Sites:0={site}",
    ];

    /// <summary>Connects over mutual TLS with a bundle's key and certificate, as the kiosk does (protocol/Broker/BrokerConnection.cs).</summary>
    public Task<MqttTestClient> ConnectWithBundleAsync(FleetTool fleet, string site, string kiosk)
    {
        var bundle = fleet.Fleet.Bundle(site, kiosk);
        return SecuredMqttClient.ConnectAsync(Port, Ca, KioskIdentity.For(site, kiosk), Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey));
    }

    public Task<MqttTestClient> ConnectOperatorAsync() =>
        SecuredMqttClient.ConnectAsync(Port, Ca, CaInitializer.OperatorIdentity, Fleet.Fleet.OperatorCertificate, Fleet.Fleet.OperatorKey);

    /// <summary>Connects as a desk with its password login (the broker forces the client id to the user name).</summary>
    public Task<MqttTestClient> ConnectDeskAsync(string user, string password = AgentPassword) =>
        SecuredMqttClient.ConnectAsync(AgentPort, Ca, user, user: user, password: password);



    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        Fleet.Dispose();
        OtherFleet.Dispose();
        await ValueTask.CompletedTask;
    }
}
