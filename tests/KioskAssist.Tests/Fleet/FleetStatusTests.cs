using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// <c>kafleet status</c> against a real Mosquitto configured by <c>kafleet broker-config</c>, with real kiosks running
/// on their provisioned bundles (mutual TLS): one in this process, one as its own OS process so it can be killed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FleetStatusTests(FleetStatusFixture fleet) : IClassFixture<FleetStatusFixture>
{
    private const string Answerable = "unexpected item in bagging area";
    private const string OutOfScope = "how do i open a savings account";

    [Fact]
    public async Task Two_kiosks_on_their_bundles_show_online_with_versions_count_their_day_and_go_offline_by_goodbye_and_by_last_will()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var data1 = new TempDirectory();
        using var data2 = new TempDirectory();
        KioskServer? k1 = await KioskServer.StartAsync(fleet.KioskSettings("s1", "k1", data1.Path), data1.Path);
        await using var k2 = await KioskProcess.StartAsync(fleet.KioskSettings("s1", "k2", data2.Path), cancellation);
        try
        {
            // Both connect with their bundles: the broker takes each certificate's CN as the user name.
            var online = await fleet.StatusUntilAsync("s1", r => State(r, "k1") == "online" && State(r, "k2") == "online", "k1 and k2 are online");
            Assert.Contains("u'kiosk-s1-k1'", fleet.BrokerLog, StringComparison.Ordinal);
            Assert.Contains("u'kiosk-s1-k2'", fleet.BrokerLog, StringComparison.Ordinal);

            using var http1 = k1.CreateClient();
            var health1 = await http1.GetFromJsonAsync<JsonElement>(new Uri("/health", UriKind.Relative), cancellation);
            var health2 = await k2.HealthAsync(cancellation);
            foreach (var (id, health) in new[] { ("k1", health1), ("k2", health2) })
            {
                Assert.True(health.GetProperty("broker").GetProperty("connected").GetBoolean());
                Assert.StartsWith("mqtts://localhost:", health.GetProperty("broker").GetProperty("address").GetString(), StringComparison.Ordinal);
                var row = Kiosk(online, id);
                Assert.Equal(health.GetProperty("kiosk").GetProperty("firmware").GetString(), row.GetProperty("firmware").GetString());
                Assert.Equal(health.GetProperty("model").GetProperty("version").GetString(), row.GetProperty("model").GetString());
                Assert.Equal(health.GetProperty("answers").GetProperty("version").GetString(), row.GetProperty("answers").GetString());
                Assert.Equal("active", row.GetProperty("registry").GetString());
            }

            Assert.Equal(("never_seen", "active"), (State(online, "k3"), Kiosk(online, "k3").GetProperty("registry").GetString()));
            Assert.Equal("revoked", Kiosk(online, "k4").GetProperty("registry").GetString());
            AssertSummary(online, online: 2, offline: 0, neverSeen: 1, revoked: 1);

            var table = await fleet.StatusTableAsync("s1");
            Assert.Matches(@"(?m)^s1\s+k1\s+online\s+\d+s ago\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s", table);
            Assert.Matches(@"(?m)^s1\s+k2\s+online\s", table);
            Assert.Matches(@"(?m)^s1\s+k3\s+never seen\s+-", table);
            Assert.Matches(@"(?m)^s1\s+k4\s+never seen \(revoked\)", table);
            Assert.Contains("2 online, 0 offline, 1 never seen; 1 revoked (not counted).", table, StringComparison.Ordinal);

            // A shopper on k1: one answer, one question the model will not guess at, a press, and an agent's claim.
            (await http1.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text = Answerable, language = "en" }, cancellation)).EnsureSuccessStatusCode();
            (await http1.PostAsJsonAsync(new Uri("/api/ask", UriKind.Relative), new { text = OutOfScope, language = "en" }, cancellation)).EnsureSuccessStatusCode();
            (await http1.PostAsync(new Uri("/dev/button/press", UriKind.Relative), null, cancellation)).EnsureSuccessStatusCode();
            var requestId = (await http1.GetFromJsonAsync<JsonElement>(new Uri("/api/state", UriKind.Relative), cancellation))
                .GetProperty("help").GetProperty("requestId").GetString()!;
            using (var agent = await fleet.ConnectAgentAsync())
            {
                var claim = new AgentActionMessage
                {
                    Id = Ids.New(), RequestId = requestId, Type = AgentActionType.Claim, Agent = new AgentRef("ana", "Ana"), At = DateTimeOffset.UtcNow,
                };
                await agent.PublishAsync(Topics.AgentAction("s1", "k1", requestId, FleetStatusFixture.DeskId), System.Text.Encoding.UTF8.GetString(ProtocolJson.Encode(claim)));
            }

            var counted = await fleet.StatusUntilAsync("s1", r => Today(r, "k1") is { } today && today.GetProperty("handedToPerson").GetInt32() == 1, "k1 reports the claim");
            var k1Metrics = Kiosk(counted, "k1").GetProperty("metrics");
            Assert.Equal((1, 1, 1, 1), Counts(k1Metrics.GetProperty("today")));
            Assert.Equal((1, 1, 1, 1), Counts(k1Metrics.GetProperty("sinceStart")));
            Assert.InRange(k1Metrics.GetProperty("medianSecondsToClaimToday").GetDouble(), 0, 30);
            Assert.Equal((0, 0, 0, 0), Counts(Kiosk(counted, "k2").GetProperty("metrics").GetProperty("today")));
            Assert.Matches(@"(?m)^s1\s+k1\s+online\s.*\s1\s+1\s+\d+\.\d s$", await fleet.StatusTableAsync("s1"));

            // k1 stops cleanly: it says goodbye itself, and the goodbye's time is when it went offline.
            var stopping = DateTimeOffset.UtcNow;
            await k1.DisposeAsync();
            k1 = null;
            var stopped = await fleet.StatusUntilAsync("s1", r => State(r, "k1") == "offline", "k1 is offline");
            Assert.InRange(Since(stopped, "k1"), stopping.AddSeconds(-1), DateTimeOffset.UtcNow);
            AssertSummary(stopped, online: 1, offline: 1, neverSeen: 1, revoked: 1);

            // k2 dies (SIGKILL): the broker publishes its Last Will; its last metrics report says when it was last heard.
            var killed = DateTimeOffset.UtcNow;
            k2.Kill();
            var dead = await fleet.StatusUntilAsync("s1", r => State(r, "k2") == "offline", "the broker publishes k2's Last Will");
            Assert.InRange(Since(dead, "k2"), killed.AddSeconds(-5), killed);
            Assert.Equal(Kiosk(dead, "k2").GetProperty("metrics").GetProperty("at").GetDateTimeOffset(), Since(dead, "k2"));
            AssertSummary(dead, online: 0, offline: 2, neverSeen: 1, revoked: 1);
        }
        finally
        {
            if (k1 is not null)
            {
                await k1.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_kiosk_reports_its_metrics_as_soon_as_it_connects_not_only_each_interval()
    {
        using var data = new TempDirectory();
        await using var kiosk = await KioskServer.StartAsync(fleet.KioskSettings("s4", "k6", data.Path, metricsIntervalSeconds: 3600), data.Path);

        var report = await fleet.StatusUntilAsync("s4", r => Kiosk(r, "k6").GetProperty("metrics").ValueKind == JsonValueKind.Object, "k6 reports");

        var metrics = Kiosk(report, "k6").GetProperty("metrics");
        Assert.Equal("online", State(report, "k6"));
        Assert.InRange(metrics.GetProperty("uptimeSeconds").GetInt64(), 0, 600); // well inside the hour's interval, however slow the start
        Assert.Equal((0, 0, 0, 0), Counts(metrics.GetProperty("today")));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), metrics.GetProperty("day").GetString());
    }

    [Fact]
    public async Task Malformed_retained_messages_are_reported_and_do_not_stop_the_report()
    {
        using (var kiosk = await fleet.ConnectWithBundleAsync("s3", "k5"))
        {
            await kiosk.Mqtt.PublishAsync(Retained(Topics.Presence("s3", "k5"), "{\"v\":1,\"status\":\"maybe\"}"), TestContext.Current.CancellationToken);
            await kiosk.Mqtt.PublishAsync(Retained(Topics.Metrics("s3", "k5"), "not json at all"), TestContext.Current.CancellationToken);
        }

        var report = await fleet.StatusUntilAsync("s3", r => r.GetProperty("summary").GetProperty("malformed").GetInt32() == 2, "both bad messages are counted");
        var table = await fleet.StatusTableAsync("s3");

        Assert.Equal("never_seen", State(report, "k5"));
        Assert.Equal(
            [Topics.Presence("s3", "k5"), Topics.Metrics("s3", "k5")],
            report.GetProperty("malformed").EnumerateArray().Select(m => m.GetProperty("topic").GetString()!).Order(StringComparer.Ordinal));
        Assert.Contains("0 online, 0 offline, 1 never seen.", table, StringComparison.Ordinal);
        Assert.Contains("2 malformed retained messages ignored:", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_broker_status_says_so_in_one_line()
    {
        var (code, output, error) = await fleet.Fleet.RunAsync("status", "--broker-host", "127.0.0.1", "--broker-port", $"{FreePort.Next()}", "--wait-seconds", "0.2");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: cannot connect to the broker at mqtts://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--wait-seconds", "0", "--wait-seconds 0 must be between 0.1 and 60.")]
    [InlineData("--site", "a/b", "--site 'a/b' is not a valid id")]
    [InlineData("--broker-port", "70000", "--broker-port 70000 is not a port number.")]
    public async Task Bad_options_are_refused_before_connecting(string option, string value, string message)
    {
        var (code, _, error) = await fleet.Fleet.RunAsync("status", "--broker-host", "127.0.0.1", option, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static MQTTnet.MqttApplicationMessage Retained(string topic, string payload) =>
        new MQTTnet.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag()
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static JsonElement Kiosk(JsonElement report, string kiosk) =>
        report.GetProperty("kiosks").EnumerateArray().Single(k => k.GetProperty("kiosk").GetString() == kiosk);

    private static string? State(JsonElement report, string kiosk) => Kiosk(report, kiosk).GetProperty("state").GetString();

    private static DateTimeOffset Since(JsonElement report, string kiosk) => Kiosk(report, kiosk).GetProperty("since").GetDateTimeOffset();

    private static JsonElement? Today(JsonElement report, string kiosk) =>
        Kiosk(report, kiosk).GetProperty("metrics") is { ValueKind: JsonValueKind.Object } metrics ? metrics.GetProperty("today") : null;

    private static (int, int, int, int) Counts(JsonElement counts) =>
        (counts.GetProperty("answered").GetInt32(), counts.GetProperty("rejected").GetInt32(),
         counts.GetProperty("helpRequested").GetInt32(), counts.GetProperty("handedToPerson").GetInt32());

    private static void AssertSummary(JsonElement report, int online, int offline, int neverSeen, int revoked)
    {
        var summary = report.GetProperty("summary");
        Assert.Equal(
            (online, offline, neverSeen, revoked, 0),
            (summary.GetProperty("online").GetInt32(), summary.GetProperty("offline").GetInt32(), summary.GetProperty("neverSeen").GetInt32(),
             summary.GetProperty("revoked").GetInt32(), summary.GetProperty("malformed").GetInt32()));
    }
}
