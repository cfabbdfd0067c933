using System.Net.Http.Json;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// <c>kafleet exporter</c> (#15 item 6) in-process, subscribed to the fixture's real Mosquitto as the operator, with a
/// real kiosk on its bundle: its /metrics shows the kiosk up, its counts after a question, its health, and the
/// registry's revoked kiosk.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FleetExporterTests(FleetStatusFixture fleet) : IClassFixture<FleetStatusFixture>
{
    [Fact]
    public async Task The_exporters_metrics_show_a_kiosk_up_with_its_counts_and_health()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exporter = FleetCli.Create(TextReader.Null, output, error)
            .Parse(["exporter", "--dir", fleet.Fleet.Dir, "--listen", $"127.0.0.1:{port}", "--broker-host", "127.0.0.1", "--broker-port", $"{fleet.Port}"])
            .InvokeAsync(cancellationToken: stop.Token);
        try
        {
            using var data = new TempDirectory();
            await using var kiosk = await KioskServer.StartAsync(fleet.KioskSettings("s6", "k8", data.Path, metricsIntervalSeconds: 3600), data.Path);
            using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await UntilAsync(scraper, "kioskassist_kiosk_up{site=\"s6\",kiosk=\"k8\"} 1", $"k8 is up on /metrics ({error})");

            using var http = kiosk.CreateClient();
            (await http.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text = "unexpected item in bagging area", language = "en" }, cancellation)).EnsureSuccessStatusCode();
            await UntilAsync(scraper, "kioskassist_kiosk_answered_today{site=\"s6\",kiosk=\"k8\"} 1", "the answer reaches /metrics");

            var metrics = await ScrapeAsync(scraper);
            Assert.Contains("kioskassist_kiosk_outbox_backlog{site=\"s6\",kiosk=\"k8\"} 0", metrics, StringComparison.Ordinal);
            Assert.Contains("kioskassist_kiosk_dropped_messages{site=\"s6\",kiosk=\"k8\",reason=\"malformed\"} 0", metrics, StringComparison.Ordinal);
            Assert.Matches(@"kioskassist_kiosk_disk_free_bytes\{site=""s6"",kiosk=""k8""\} [1-9]", metrics);
            Assert.Contains("kioskassist_kiosk_revoked{site=\"s1\",kiosk=\"k4\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("kioskassist_kiosk_up{site=\"s1\",kiosk=\"k3\"} 0", metrics, StringComparison.Ordinal);

            // The Grafana dashboard in the repository asks only for series the exporter serves.
            var dashboard = File.ReadAllText(Path.Combine(RepoPaths.Root, "provisioning", "grafana", "kioskassist-fleet.json"));
            var asked = System.Text.RegularExpressions.Regex.Matches(dashboard, "kioskassist_[a-z_]+").Select(m => m.Value).Distinct().ToList();
            Assert.NotEmpty(asked);
            Assert.All(asked, name => Assert.Contains($"\n{name}{{", "\n" + metrics, StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await exporter);
        }

        Assert.Contains($"kafleet exporter: http://127.0.0.1:{port}/metrics", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task UntilAsync(HttpClient scraper, string line, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await ScrapeAsync(scraper);
            if (last.Contains(line, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{what}: '{line}' not on /metrics within 30 s; last scrape:\n{last}");
    }

    private static async Task<string> ScrapeAsync(HttpClient scraper)
    {
        try
        {
            return await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        }
        catch (HttpRequestException)
        {
            return string.Empty; // not listening yet
        }
    }
}
