using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// A kiosk renews its certificate without SSH or a restart, through a real Mosquitto configured by broker-config: it
/// starts on its bundle's bootstrap certificate, makes its own key, asks for a certificate over MQTT, the operator's
/// <c>certs sign-pending</c> signs it, and the kiosk swaps it in and reconnects with it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class CertificateRenewalTests
{
    [Fact]
    public async Task Kiosk_renews_its_bootstrap_certificate_over_mqtt_and_reconnects_with_it_without_a_restart()
    {
        using var fleet = new FleetTool();
        using var work = new TempDirectory();
        var port = FreePort.Next();
        fleet.Ok("ca", "init");
        fleet.Ok("provision", "--site", "r", "--kiosk", "k1");
        var data = fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var brokerDir = fleet.File("broker");
        fleet.Ok("broker-config", "--out", brokerDir, "--port", $"{port}", "--agent-port", $"{FreePort.Next()}", "--host", "localhost",
            "--persistence-dir", data, "--user", Environment.UserName);
        using var broker = await ConfiguredMosquitto.StartAsync(Path.Combine(brokerDir, BrokerConfigWriter.ConfigFile), port);

        var bundle = fleet.Fleet.Bundle("r", "k1");
        var certificateFile = Path.Combine(bundle, BundleFiles.ClientCertificate);
        var bootstrapCopy = work.File("bootstrap.crt");
        var bootstrapKeyCopy = work.File("bootstrap.key");
        File.Copy(certificateFile, bootstrapCopy);
        File.Copy(Path.Combine(bundle, BundleFiles.ClientKey), bootstrapKeyCopy);
        string bootstrapSerial;
        using (var bootstrap = X509Certificate2.CreateFromPem(File.ReadAllText(bootstrapCopy)))
        {
            Assert.True(KioskCertificateFiles.IsBootstrap(bootstrap));
            Assert.InRange((bootstrap.NotAfter - bootstrap.NotBefore).TotalDays, 29, 31);
            bootstrapSerial = bootstrap.SerialNumber;
        }

        await using var kiosk = await KioskServer.StartAsync(
            [.. KioskSettingsArgs.ForBundleHere(bundle, port), $"--Rollout:Directory={work.File("rollouts")}", "--Hardware:Mode=Simulated"], work.File("data"));
        var link = kiosk.Get<KioskBrokerLink>();
        await Eventually.TrueAsync(() => link.IsUp, $"the kiosk connects on its bootstrap certificate (broker log: {broker.Log})");
        var connectsBefore = Connects(broker.Log);

        // The kiosk publishes its request when it connects; sign-pending reads what is retained, so ask until it is there.
        string signed = string.Empty;
        for (var attempt = 0; attempt < 40 && !signed.Contains("1 signed", StringComparison.Ordinal); attempt++)
        {
            // No --broker-host/--broker-port: broker-config remembered them in the fleet directory.
            var (code, output, error) = await fleet.RunAsync("certs", "sign-pending", "--wait-seconds", "0.3");
            Assert.True(code == 0, $"sign-pending exited {code}: {error} {output}");
            signed = output;
        }

        Assert.Contains("r/k1", signed, StringComparison.Ordinal);
        string newSerial;
        using (var registry = fleet.OpenRegistry())
        {
            var active = Assert.Single(registry.ActiveKiosks());
            newSerial = active.Serial;
            Assert.NotEqual(bootstrapSerial, newSerial);
            Assert.InRange((active.NotAfter - active.NotBefore).TotalDays, 364, 366);
            Assert.Contains(registry.Certificates(CertificateStatus.Superseded), e => e.Serial == bootstrapSerial);
        }

        // Swapped on disk: the certificate the registry holds, for a key that is not the bundle's.
        await Eventually.TrueAsync(() => SerialOf(certificateFile) == newSerial, "the kiosk installs the signed certificate");
        Assert.False(File.Exists(Path.Combine(bundle, BundleFiles.ClientKey) + ".pending"));
        Assert.NotEqual(File.ReadAllText(bootstrapKeyCopy), File.ReadAllText(Path.Combine(bundle, BundleFiles.ClientKey)));
        await Eventually.TrueAsync(() => Connects(broker.Log) > connectsBefore && link.IsUp, $"the kiosk reconnects (broker log: {broker.Log})");

        // Proof that it connects with the new certificate: revoke the bootstrap one at the broker, reload, and make the kiosk
        // connect again; the bootstrap certificate is refused, the kiosk is not.
        using (var authority = FleetAuthority.Load(fleet.Fleet))
        {
            var now = DateTimeOffset.UtcNow;
            var crl = authority.SignRevocationList([(bootstrapSerial, now)], 1000, now, now.AddDays(1));
            File.WriteAllText(Path.Combine(brokerDir, BrokerConfigWriter.CrlFile), PemEncoding.WriteString("X509 CRL", crl) + "\n");
        }

        await broker.ReloadAsync();
        // SIGHUP is handled in Mosquitto's own loop, a moment later: try the old certificate until it is refused.
        var refused = false;
        for (var attempt = 0; attempt < 50 && !refused; attempt++)
        {
            try
            {
                using var old = await SecuredMqttClient.ConnectAsync(port, fleet.Fleet.CaCertificate, "kiosk-r-k1-old", bootstrapCopy, bootstrapKeyCopy);
                await old.SubscribeAsync("ka/v1/queue"); // TLS 1.3 shows a refused certificate on first use
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
#pragma warning disable CA1031 // any failure to connect or subscribe is the refusal this waits for
            catch (Exception)
#pragma warning restore CA1031
            {
                refused = true;
            }
        }

        Assert.True(refused, $"the revoked bootstrap certificate is refused after the reload (broker log: {broker.Log})");
        var connectsAfterReload = Connects(broker.Log);
        await link.ReconnectAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Connects(broker.Log) > connectsAfterReload && link.IsUp, $"the kiosk connects with its renewed certificate after the bootstrap one was revoked (broker log: {broker.Log})");
    }

    [Fact]
    public async Task Sign_pending_refuses_a_request_for_another_kiosks_name_and_garbage_and_signs_nothing()
    {
        using var fleet = new FleetTool();
        var port = FreePort.Next();
        fleet.Ok("ca", "init");
        fleet.Ok("provision", "--site", "r", "--kiosk", "k1");
        fleet.Ok("provision", "--site", "r", "--kiosk", "k2");
        var data = fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var brokerDir = fleet.File("broker");
        fleet.Ok("broker-config", "--out", brokerDir, "--port", $"{port}", "--agent-port", $"{FreePort.Next()}", "--host", "localhost",
            "--persistence-dir", data, "--user", Environment.UserName);
        using var broker = await ConfiguredMosquitto.StartAsync(Path.Combine(brokerDir, BrokerConfigWriter.ConfigFile), port);
        Task<MqttTestClient> Kiosk(string id) => SecuredMqttClient.ConnectAsync(port, fleet.Fleet.CaCertificate, $"kiosk-r-{id}",
            Path.Combine(fleet.Fleet.Bundle("r", id), BundleFiles.ClientCertificate), Path.Combine(fleet.Fleet.Bundle("r", id), BundleFiles.ClientKey));

        using (var k1 = await Kiosk("k1"))
        using (var k2 = await Kiosk("k2"))
        {
            // k1 asks for k2's name with a key of its own; k2 sends garbage. Both retained, as a kiosk's request is.
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var impostor = new CertificateRequest("CN=kiosk-r-k2, O=KioskAssist", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            await k1.PublishAsync("ka/v1/reports/r/k1/csr", impostor, retain: true);
            await k2.PublishAsync("ka/v1/reports/r/k2/csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", retain: true);
        }

        var (code, output, _) = await fleet.RunAsync("certs", "sign-pending", "--wait-seconds", "1");
        Assert.True(code == CertificateSigner.SomeRefused, output);
        Assert.Matches(@"r/k1\s+refused\s+asks for CN 'kiosk-r-k2', not its own identity kiosk-r-k1", output);
        Assert.Matches(@"r/k2\s+refused\s+not a valid signed certificate request", output);
        Assert.Contains("0 signed, 2 refused", output, StringComparison.Ordinal);
        using var registry = fleet.OpenRegistry();
        Assert.All(registry.ActiveKiosks(), e => Assert.True(e.NotAfter - e.NotBefore < TimeSpan.FromDays(31), "no long-term certificate was issued"));
    }

    [Fact]
    public void Certs_list_shows_bootstrap_certificates_as_expiring_and_exits_4()
    {
        using var fleet = new FleetTool();
        fleet.Ok("ca", "init");
        fleet.Ok("provision", "--site", "r", "--kiosk", "k1");
        var (code, output, error) = fleet.Run("certs", "list");
        Assert.True(code == CertsCommand.ExpiringSoon, $"exit {code}: {error}");
        Assert.Matches(@"kiosk\s+r/k1\s+\S+\s+\S+ \S+\s+30\.0\s+warning: 30 days left \(bootstrap", output);
        Assert.Matches(@"ca\s+", output);
        Assert.Matches(@"operator\s+kafleet-operator\s+.*ok", output);

        var (jsonCode, json, _) = fleet.Run("certs", "list", "--json");
        Assert.Equal(CertsCommand.ExpiringSoon, jsonCode);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var kinds = document.RootElement.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["kiosk", "operator", "ca"], kinds);
    }

    [Fact]
    public void Certs_crl_resigns_the_crl_and_list_shows_its_next_update()
    {
        using var fleet = new FleetTool();
        fleet.Ok("ca", "init");
        var outDir = fleet.File("broker-out");
        Directory.CreateDirectory(outDir);
        Assert.Contains("Re-signed the CRL (0 revoked", fleet.Ok("certs", "crl", "--out", outDir), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, BrokerConfigWriter.CrlFile)));
        var (_, output, _) = fleet.Run("certs", "list");
        Assert.Matches(@"crl\s+crl\.pem \(next update\)\s+\S+ \S+\s+36[45]\.\d\s+ok", output);
    }

    private static int Connects(string log) => ConnectLine().Matches(log).Count;

    private static string SerialOf(string file)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(file));
            return certificate.SerialNumber;
        }
        catch (CryptographicException)
        {
            return string.Empty;
        }
    }

    [GeneratedRegex(@"New client connected from .* as kiosk-r-k1")]
    private static partial Regex ConnectLine();
}
