using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// <c>kafleet status --fail-on</c> (#15 item 6) against a real kiosk on its bundle over the fixture's real Mosquitto:
/// exit 0 while the kiosk is online, exit 4 naming it once it dies (SIGKILL: the broker's Last Will), exit 2 for a condition that does not exist.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatusFailOnTests(FleetStatusFixture fleet) : IClassFixture<FleetStatusFixture>
{
    [Fact]
    public async Task Status_fail_on_offline_exits_0_while_the_kiosk_runs_and_4_naming_it_once_it_dies()
    {
        using var data = new TempDirectory();
        await using var kiosk = await KioskProcess.StartAsync(fleet.KioskSettings("s5", "k7", data.Path), TestContext.Current.CancellationToken);
        var healthy = await FailOnUntilAsync(code => code == 0, "k7 is online");
        Assert.DoesNotContain("FAIL", healthy.Output, StringComparison.Ordinal);

        kiosk.Kill();
        var failed = await FailOnUntilAsync(code => code == StatusFailOn.ExitCode, "the broker publishes k7's Last Will");

        Assert.Contains("FAIL offline: 1 (s5/k7)", failed.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^s5\s+k7\s+offline", failed.Output);
    }

    [Fact]
    public async Task An_unknown_fail_on_condition_is_a_usage_error_naming_the_known_ones()
    {
        var (code, _, error) = await fleet.Fleet.RunAsync("status", "--broker-host", "127.0.0.1", "--broker-port", $"{fleet.Port}", "--fail-on", "offline,sad");

        Assert.Equal(2, code);
        Assert.Contains("--fail-on 'sad' is not a condition (known: offline, never-seen, revoked-online, malformed, expiring, backlog, dropped)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_fail_on_expiring_names_a_kiosk_still_on_its_30_day_bootstrap_certificate()
    {
        // Bundles carry a bootstrap certificate (fleet-certs): until 'certs sign-pending' renews it, it ends within 30
        // days, which is what 'expiring' and 'certs list' both warn about.
        var (code, output, error) = await fleet.Fleet.RunAsync(
            "status", "--broker-host", "127.0.0.1", "--broker-port", $"{fleet.Port}", "--site", "s6", "--wait-seconds", "0.5", "--fail-on", "expiring");

        Assert.True(code == StatusFailOn.ExitCode, $"status exited {code}: {error}\n{output}");
        Assert.Matches(@"(?m)^FAIL expiring: \d+ \(.*s6/k8 \d{4}-\d{2}-\d{2}", output);
        Assert.DoesNotContain("s5/k7", output.Split('\n').Single(line => line.StartsWith("FAIL expiring", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> FailOnUntilAsync(Func<int, bool> wanted, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (code, output, error) = await fleet.Fleet.RunAsync(
                "status", "--broker-host", "127.0.0.1", "--broker-port", $"{fleet.Port}", "--site", "s5", "--wait-seconds", "0.5", "--fail-on", "offline,never-seen");
            Assert.True(code is 0 or StatusFailOn.ExitCode, $"status exited {code}: {error}");
            if (wanted(code))
            {
                return (code, output);
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what}: not within 30 s; last report:\n{output}");
        }
    }
}
