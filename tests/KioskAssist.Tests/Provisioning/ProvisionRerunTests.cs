using System.Diagnostics;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Provisioning;

/// <summary>
/// Idempotent provisioning (#15 item 3) through kafleet in-process on a real fleet directory and SQLite registry:
/// re-running a CSV changes nothing for kiosks already provisioned, never un-revokes, <c>--rotate</c> is explicit,
/// every CSV problem is reported at once with its line, and the self-test's pin rules hold at provision time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProvisionRerunTests : IDisposable
{
    private readonly FleetTool _tool = new();

    public ProvisionRerunTests() => _tool.Ok("ca", "init");

    [Fact]
    public void Re_running_the_same_csv_changes_no_key_no_certificate_and_never_un_revokes()
    {
        var csv = _tool.File("devices.csv");
        File.WriteAllLines(csv, ["site,kiosk", "s1,k1", "s1,k2", "s2,k1"]);
        _tool.Ok("provision", "--csv", csv);
        _tool.Ok("revoke", "--kiosk", "s1/k2");
        var before = Snapshot();
        var key = File.ReadAllBytes(Bundle("s1", "k1", BundleFiles.ClientKey));
        var keyWritten = File.GetLastWriteTimeUtc(Bundle("s1", "k1", BundleFiles.ClientKey));

        var output = _tool.Ok("provision", "--csv", csv);

        Assert.Equal(before, Snapshot());
        Assert.Equal(key, File.ReadAllBytes(Bundle("s1", "k1", BundleFiles.ClientKey)));
        Assert.Equal(keyWritten, File.GetLastWriteTimeUtc(Bundle("s1", "k1", BundleFiles.ClientKey)));
        Assert.Contains("Provisioned 0 kiosks (0 rotated)", output, StringComparison.Ordinal);
        Assert.Contains("s1/k1: already provisioned, key kept", output, StringComparison.Ordinal);
        Assert.Contains("s1/k2: revoked, not issued again", output, StringComparison.Ordinal);
        Assert.Contains("Unchanged: 2 already provisioned (keys kept; 0 settings file(s) brought up to date", output, StringComparison.Ordinal);

        // --rotate re-keys the active ones and still never the revoked one.
        var rotated = _tool.Ok("provision", "--csv", csv, "--rotate");
        Assert.Contains("Provisioned 2 kiosks (2 rotated)", rotated, StringComparison.Ordinal);
        Assert.NotEqual(key, File.ReadAllBytes(Bundle("s1", "k1", BundleFiles.ClientKey)));
        using var registry = _tool.OpenRegistry();
        Assert.DoesNotContain(registry.ActiveKiosks(), c => c.Kiosk == "k2" && c.Site == "s1");
        Assert.All(registry.Certificates().Where(c => c.Site == "s1" && c.Kiosk == "k2"), c => Assert.Equal(CertificateStatus.Revoked, c.Status));
    }

    [Fact]
    public void A_rerun_with_another_broker_host_updates_only_the_settings_file()
    {
        _tool.Ok("provision", "--site", "s1", "--kiosk", "k1", "--broker-host", "old.example");
        var before = Snapshot();

        var output = _tool.Ok("provision", "--site", "s1", "--kiosk", "k1", "--broker-host", "new.example");

        Assert.Equal(before, Snapshot());
        Assert.Contains("settings updated", output, StringComparison.Ordinal);
        Assert.Contains("\"Host\": \"new.example\"", File.ReadAllText(Bundle("s1", "k1", BundleFiles.Settings)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_csv_problem_is_reported_at_once_with_its_line_and_nothing_is_issued()
    {
        var csv = _tool.File("devices.csv");
        File.WriteAllLines(csv, ["site,kiosk,broker_host,broker_port", "s1,k1,,", "s1,k/2,,", "s1,k3,,99999", "s1,k1,,", "s1,\"k5\",,", "s1,k6,bad host,"]);

        var (code, _, error) = _tool.Run("provision", "--csv", csv);

        Assert.Equal(2, code);
        Assert.Contains("5 problems, nothing was issued:", error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:3: kiosk 'k/2' is not a valid id", error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:4: broker_port '99999' is not a port number.", error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:5: s1/k1 is listed twice (first at {csv}:2).", error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:6: quotes are not allowed", error, StringComparison.Ordinal);
        Assert.Contains($"{csv}:7: s1/k6: 'bad host' is not a host name.", error, StringComparison.Ordinal);
        using var registry = _tool.OpenRegistry();
        Assert.DoesNotContain(registry.Certificates(), c => c.Kind == CertificateKind.Kiosk);
    }

    [Theory]
    [InlineData("17", "17", "both GPIO 17")]
    [InlineData("17", "40", "Hardware:LightPin 40 is not a GPIO on the 40-pin header")]
    public void Pins_the_kiosk_self_test_would_fail_are_refused_at_provision_time(string button, string light, string expected)
    {
        var (code, _, error) = _tool.Run("provision", "--site", "s1", "--kiosk", "k1", "--button-pin", button, "--light-pin", light);

        Assert.Equal(2, code);
        Assert.Contains("the kiosk's self-test would fail these pins", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_tool.Fleet.Bundle("s1", "k1")));
    }

    [Fact]
    public void Bulk_provisioning_of_1000_kiosks_takes_under_5_s_and_a_rerun_changes_nothing()
    {
        var csv = _tool.File("devices.csv");
        File.WriteAllLines(csv, ["site,kiosk", .. Enumerable.Range(1, 1000).Select(i => $"site-{i % 50},k{i:D4}")]);

        var clock = Stopwatch.StartNew();
        var output = _tool.Ok("provision", "--csv", csv, "--broker-host", "mqtt.example");
        var first = clock.Elapsed;
        var before = Snapshot();
        clock.Restart();
        var rerun = _tool.Ok("provision", "--csv", csv, "--broker-host", "mqtt.example");
        var second = clock.Elapsed;

        TestContext.Current.SendDiagnosticMessage($"provision 1000: {first.TotalSeconds:F2} s; rerun: {second.TotalSeconds:F2} s");
        Assert.Contains("Provisioned 1000 kiosks (0 rotated)", output, StringComparison.Ordinal);
        Assert.InRange(first, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Contains("Unchanged: 1000 already provisioned", rerun, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    private string Snapshot()
    {
        using var registry = _tool.OpenRegistry();
        return string.Join('\n', registry.Certificates().Select(c => $"{c.Serial} {c.Site}/{c.Kiosk} {c.Status} {c.StatusChangedAt:O}"));
    }

    private string Bundle(string site, string kiosk, string file) => Path.Combine(_tool.Fleet.Bundle(site, kiosk), file);

    public void Dispose() => _tool.Dispose();
}
