using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// Signals you can trust (#15 item 6): a real kiosk on its bundle over the fixture's real Mosquitto, with a metrics
/// interval of an hour, still shows an answer in <c>kafleet status</c> within seconds (published on change, throttled),
/// and its metrics carry the outbox backlog, drops by reason and free disk.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MetricsOnChangeTests(FleetStatusFixture fleet) : IClassFixture<FleetStatusFixture>
{
    [Fact]
    public async Task An_answer_shows_in_status_within_seconds_with_an_hour_long_interval_and_the_metrics_carry_health()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var kiosk = await KioskServer.StartAsync(fleet.KioskSettings("s6", "k8", data.Path, metricsIntervalSeconds: 3600), data.Path);
        var first = await fleet.StatusUntilAsync("s6", r => Metrics(r) is { ValueKind: JsonValueKind.Object }, "k8 reports at connect");
        Assert.Equal(0, Metrics(first).GetProperty("today").GetProperty("answered").GetInt32());

        using var http = kiosk.CreateClient();
        var asked = Stopwatch.StartNew();
        (await http.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text = "unexpected item in bagging area", language = "en" }, cancellation)).EnsureSuccessStatusCode();
        var counted = await fleet.StatusUntilAsync("s6", r => Metrics(r).GetProperty("today").GetProperty("answered").GetInt32() == 1, "the answer is published on change");
        var seen = asked.Elapsed;

        Assert.InRange(seen, TimeSpan.Zero, TimeSpan.FromSeconds(20)); // throttle 5 s + status runs; never the hour
        var health = Metrics(counted).GetProperty("health");
        Assert.Equal(0, health.GetProperty("outboxBacklog").GetInt32());
        Assert.True(health.GetProperty("droppedByReason").TryGetProperty("malformed", out var malformed), health.ToString());
        Assert.Equal(0, malformed.GetInt64());
        Assert.True(health.GetProperty("diskFreeBytes").GetInt64() > 0);
    }

    private static JsonElement Metrics(JsonElement report) =>
        report.GetProperty("kiosks").EnumerateArray().Single(k => k.GetProperty("kiosk").GetString() == "k8").GetProperty("metrics");
}
