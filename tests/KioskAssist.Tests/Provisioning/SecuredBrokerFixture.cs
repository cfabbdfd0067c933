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
        return ConnectAsync(Port, KioskIdentity.For(site, kiosk), Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey), null, null);
    }

    public Task<MqttTestClient> ConnectOperatorAsync() =>
        ConnectAsync(Port, CaInitializer.OperatorIdentity, Fleet.Fleet.OperatorCertificate, Fleet.Fleet.OperatorKey, null, null);

    public Task<MqttTestClient> ConnectAgentAsync(string user, string password) => ConnectAsync(AgentPort, "desk-test", null, null, user, password);

    private async Task<MqttTestClient> ConnectAsync(int port, string clientId, string? certificateFile, string? keyFile, string? user, string? password)
    {
        var client = new MqttTestClient(new MqttClientFactory().CreateMqttClient());
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost("localhost");
                var trust = new X509Certificate2Collection();
                trust.ImportFromPemFile(Ca);
                tls.WithTrustChain(trust);
                if (certificateFile is not null)
                {
                    using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
                    tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)]);
                }
            });
        if (user is not null)
        {
            options.WithCredentials(user, password);
        }

        try
        {
            var result = await client.Mqtt.ConnectAsync(options.Build(), TestContext.Current.CancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused {clientId}: {result.ResultCode}");
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        Fleet.Dispose();
        OtherFleet.Dispose();
        await ValueTask.CompletedTask;
    }
}
