using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.Provisioning;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Provisioning;

[Trait("Category", "Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // checks Unix file modes
public sealed class ProvisionTests : IDisposable
{
    private readonly FleetTool _tool = new();

    public ProvisionTests() => _tool.Ok("ca", "init");

    private string Bundle(string site, string kiosk, string file) => Path.Combine(_tool.Fleet.Bundle(site, kiosk), file);

    [Fact]
    public void Provision_issues_a_one_year_client_certificate_that_chains_to_the_fleet_ca_with_the_kiosks_mqtt_identity()
    {
        _tool.Ok("provision", "--site", "jkt-01", "--kiosk", "k03");

        using var certificate = X509Certificate2.CreateFromPemFile(Bundle("jkt-01", "k03", BundleFiles.ClientCertificate), Bundle("jkt-01", "k03", BundleFiles.ClientKey));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Bundle("jkt-01", "k03", BundleFiles.CaCertificate)));
        Assert.Equal("kiosk-jkt-01-k03", certificate.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(certificate.HasPrivateKey);
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], usages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        // The bundle's certificate is a 30-day bootstrap one; the kiosk gets its one-year certificate by renewal (CertificateRenewalTests).
        Assert.InRange(certificate.NotAfter - certificate.NotBefore, TimeSpan.FromDays(30), TimeSpan.FromDays(31));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(File.ReadAllText(_tool.Fleet.RolloutPublicKey), File.ReadAllText(Bundle("jkt-01", "k03", BundleFiles.RolloutPublicKey)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Bundle("jkt-01", "k03", BundleFiles.ClientKey)));
    }

    [Fact]
    public void The_bundles_appsettings_are_accepted_by_the_kiosks_own_options_validation()
    {
        var facts = _tool.File("store.json");
        var store = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "firmware-host", "appsettings.json")))!["Store"]!;
        store["Name"] = "Toko Maju Jaya";
        File.WriteAllText(facts, store.ToJsonString());
        _tool.Ok("provision", "--site", "jkt-01", "--kiosk", "k03", "--broker-host", "mqtt.example.com", "--broker-port", "8884", "--store-facts", facts, "--light-pin", "22");

        var app = KioskApplication.Create(KioskSettingsArgs.From(File.ReadAllText(Bundle("jkt-01", "k03", BundleFiles.Settings))));
        T Options<T>() where T : class => app.Services.GetRequiredService<IOptions<T>>().Value;

        Assert.Equal(("jkt-01", "k03"), (Options<KioskOptions>().Site, Options<KioskOptions>().Id));
        var broker = Options<BrokerSettings>();
        Assert.Equal(("mqtt.example.com", 8884, true), (broker.Host, broker.Port, broker.UseTls));
        Assert.Equal(("ca.crt", "kiosk.crt", "kiosk.key"), // relative to the settings file (KioskConfigFileTests)
            (broker.CaCertificateFile, broker.ClientCertificateFile, broker.ClientKeyFile));
        Assert.Equal((17, 22), (Options<HardwareOptions>().ButtonPin, Options<HardwareOptions>().LightPin));
        Assert.Equal(["en", "id"], Options<ScreenOptions>().Languages);
        Assert.Equal("Toko Maju Jaya", Options<StoreOptions>().Name);
    }

    [Fact]
    public void Re_provisioning_with_rotate_rotates_the_key_and_supersedes_the_old_serial()
    {
        _tool.Ok("provision", "--site", "s1", "--kiosk", "k1");
        var firstKey = File.ReadAllText(Bundle("s1", "k1", BundleFiles.ClientKey));

        var output = _tool.Ok("provision", "--site", "s1", "--kiosk", "k1", "--rotate");

        Assert.NotEqual(firstKey, File.ReadAllText(Bundle("s1", "k1", BundleFiles.ClientKey)));
        using var registry = _tool.OpenRegistry();
        var kiosk = registry.Certificates().Where(c => c.Kind == CertificateKind.Kiosk).ToList();
        Assert.Equal([CertificateStatus.Superseded, CertificateStatus.Active], kiosk.Select(c => c.Status));
        Assert.NotEqual(kiosk[0].Serial, kiosk[1].Serial);
        using var current = X509Certificate2.CreateFromPem(File.ReadAllText(Bundle("s1", "k1", BundleFiles.ClientCertificate)));
        Assert.Equal(kiosk[1].Serial, current.SerialNumber);
        Assert.Contains($"supersedes {kiosk[0].Serial}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_devices_whose_broker_identities_would_collide_are_refused()
    {
        _tool.Ok("provision", "--site", "a-b", "--kiosk", "c");

        var (code, _, error) = _tool.Run("provision", "--site", "a", "--kiosk", "b-c");

        Assert.Equal(2, code);
        Assert.Contains("kiosk-a-b-c", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_tool.Fleet.Bundle("a", "b-c")));
    }

    [Fact]
    public void A_bad_row_in_a_csv_stops_before_anything_is_issued()
    {
        var csv = _tool.File("devices.csv");
        File.WriteAllLines(csv, ["site,kiosk", "s1,k1", "s1,k/2"]);

        var (code, _, error) = _tool.Run("provision", "--csv", csv);

        Assert.Equal(2, code);
        Assert.Equal($"error: {csv}:3: kiosk 'k/2' is not a valid id (1–64 letters, digits, '-' or '_').", error.Trim());
        using var registry = _tool.OpenRegistry();
        Assert.DoesNotContain(registry.Certificates(), c => c.Kind == CertificateKind.Kiosk);
    }

    [Fact]
    public void Bulk_provisioning_200_devices_from_csv_fills_the_registry_and_prints_a_line_per_device()
    {
        var csv = _tool.File("devices.csv");
        File.WriteAllLines(csv, ["site,kiosk,broker_host,broker_port", .. Enumerable.Range(1, 200).Select(i => $"site-{i % 10},k{i:D3},{(i == 7 ? "other.example" : "")},")]);

        var output = _tool.Ok("provision", "--csv", csv, "--broker-host", "mqtt.example");

        Assert.Equal(201, output.TrimEnd().Split('\n').Length);
        Assert.Contains("Provisioned 200 kiosks (0 rotated)", output, StringComparison.Ordinal);
        using var registry = _tool.OpenRegistry();
        var active = registry.ActiveKiosks();
        Assert.Equal(200, active.Count);
        Assert.Equal(200, active.Select(c => c.Serial).Distinct().Count());
        Assert.Contains("\"Host\": \"other.example\"", File.ReadAllText(Bundle("site-7", "k007", BundleFiles.Settings)), StringComparison.Ordinal);
        Assert.Contains("\"Host\": \"mqtt.example\"", File.ReadAllText(Bundle("site-8", "k008", BundleFiles.Settings)), StringComparison.Ordinal);
    }

    public void Dispose() => _tool.Dispose();

    /// <summary>The wall-clock budget of a bulk run, kept apart from what the run must do (a slow machine fails only this).</summary>
    [Fact]
    [Trait("Category", "Perf")]
    public void Bulk_provisioning_200_devices_takes_under_20_seconds()
    {
        var csv = _tool.File("devices-perf.csv");
        File.WriteAllLines(csv, ["site,kiosk", .. Enumerable.Range(1, 200).Select(i => $"site-{i % 10},k{i:D3}")]);
        var clock = Stopwatch.StartNew();

        _tool.Ok("provision", "--csv", csv, "--broker-host", "mqtt.example");

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }
}
