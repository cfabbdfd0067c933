using System.Text.Json;
using System.Text.RegularExpressions;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Fleet;

/// <summary>
/// Operators as people, against a real Mosquitto configured by broker-config: each has a certificate and a role, two
/// commands at once do not knock each other off, a read-only operator cannot roll out (kafleet refuses; the broker drops
/// its fleet commands), and the audit log says who ran what.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class OperatorTests
{
    [Fact]
    public async Task Two_commands_at_once_succeed_a_read_only_operator_cannot_roll_out_and_the_audit_shows_who_did_what()
    {
        using var fleet = new FleetTool();
        var port = FreePort.Next();
        var operatorPort = FreePort.Next();
        fleet.Ok("ca", "init");
        fleet.Ok("provision", "--site", "s", "--kiosk", "k1");
        Assert.Equal(2, fleet.Run("operator", "add", "alice", "--role", "rollout").Code); // the first must be able to manage the rest
        fleet.Ok("operator", "add", "carol", "--role", "ca");
        // The first operator added becomes the default; from now on every command acts as a named operator.
        Assert.Contains("Added operator alice (rollout)", fleet.Ok("operator", "add", "alice", "--role", "rollout"), StringComparison.Ordinal);
        fleet.Ok("operator", "add", "rita", "--role", "read-only");
        var data = fleet.File("mosquitto-data");
        Directory.CreateDirectory(data);
        var brokerDir = fleet.File("broker");
        fleet.Ok("broker-config", "--out", brokerDir, "--port", $"{port}", "--agent-port", $"{FreePort.Next()}", "--operator-port", $"{operatorPort}",
            "--host", "localhost", "--persistence-dir", data, "--user", Environment.UserName);
        Assert.True(fleet.Run("broker-config", "--operator", "alice", "--out", brokerDir).Code == 2, "alice (rollout) may not run broker-config, which uses the CA");
        File.Delete(OperatorDirectory.DefaultFile(fleet.Fleet));
        Assert.Contains("--operator NAME", fleet.Run("certs", "list").Error, StringComparison.Ordinal);
        using var broker = await ConfiguredMosquitto.StartAsync(Path.Combine(brokerDir, BrokerConfigWriter.ConfigFile), port);

        // Two commands as the same operator at once, and one as another: all three finish with a report. Named operators
        // connect to the operator port broker-config remembered in the fleet directory (no --broker-port).
        var runs = await Task.WhenAll(
            fleet.RunAsync("status", "--operator", "alice", "--broker-host", "localhost", "--wait-seconds", "1.5"),
            fleet.RunAsync("status", "--operator", "alice", "--broker-host", "localhost", "--wait-seconds", "1.5", "--json"),
            fleet.RunAsync("status", "--operator", "rita", "--broker-host", "localhost", "--wait-seconds", "1.5"));
        Assert.All(runs, run => Assert.True(run.Code == 0, $"exit {run.Code}: {run.Error} (broker log: {broker.Log})"));
        Assert.Matches(@"\ns\s+k1\s+never seen", runs[0].Output);
        var clientIds = OperatorClientId().Matches(broker.Log).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(clientIds.Count >= 3, $"three connections with distinct client ids: {string.Join(", ", clientIds)}");

        // kafleet refuses a read-only operator's rollout before anything is signed.
        var refused = fleet.Run("rollout", "answers", "--operator", "rita", "--file", RepoPaths.CheckoutAnswers, "--to", "s/k1", "--broker-host", "localhost");
        Assert.Equal(2, refused.Code);
        Assert.Contains("operator rita is read-only; 'rollout answers' needs the rollout role", refused.Error, StringComparison.Ordinal);

        // fleet-ops' steering commands go through the same gate: rita may look (rollout list reads the late reports
        // over the operator port) but not promote.
        var listed = fleet.Run("rollout", "list", "--operator", "rita", "--broker-host", "localhost");
        Assert.True(listed.Code == 0, $"rollout list as read-only rita: exit {listed.Code}: {listed.Error} (broker log: {broker.Log})");
        var promote = fleet.Run("rollout", "promote", "no-such-rollout", "--operator", "rita", "--broker-host", "localhost");
        Assert.Equal(2, promote.Code);
        Assert.Contains("operator rita is read-only; 'rollout promote' needs the rollout role", promote.Error, StringComparison.Ordinal);

        // And the broker drops a fleet command from rita's certificate, while alice's arrives (the sentinel after it).
        var operators = OperatorDirectory.Folder(fleet.Fleet);
        var bundle = fleet.Fleet.Bundle("s", "k1");
        using (var kiosk = await SecuredMqttClient.ConnectAsync(port, fleet.Fleet.CaCertificate, "kiosk-s-k1",
            Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey)))
        using (var rita = await SecuredMqttClient.ConnectAsync(operatorPort, fleet.Fleet.CaCertificate, "kafleet-op-rita-test",
            Path.Combine(operators, "rita.crt"), Path.Combine(operators, "rita.key")))
        using (var alice = await SecuredMqttClient.ConnectAsync(operatorPort, fleet.Fleet.CaCertificate, "kafleet-op-alice-test",
            Path.Combine(operators, "alice.crt"), Path.Combine(operators, "alice.key")))
        {
            await kiosk.SubscribeAsync("ka/v1/fleet/s/k1/#");
            await rita.PublishAsync("ka/v1/fleet/s/k1/test", "from rita");
            await alice.PublishAsync("ka/v1/fleet/s/k1/test", "from alice");
            await Eventually.TrueAsync(() => kiosk.Received.Contains("ka/v1/fleet/s/k1/test from alice"));
            Assert.DoesNotContain("ka/v1/fleet/s/k1/test from rita", kiosk.Received);
        }

        // A kiosk's certificate cannot even connect to the operators' port (it trusts only the operators' CA).
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var intruder = await SecuredMqttClient.ConnectAsync(operatorPort, fleet.Fleet.CaCertificate, "kafleet-op-alice-x",
                Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey));
            await intruder.SubscribeAsync("ka/v1/reports/#");
        });

        // The exporter is read-only and connects as rita to the operator port with a client id of its own, so rita's
        // other commands do not knock it off: after a status as rita, a kiosk's presence still reaches its /metrics.
        var metricsPort = FreePort.Next();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        using (var exporterError = new StringWriter())
        {
            var exporter = FleetCli.Create(TextReader.Null, TextWriter.Null, exporterError)
                .Parse(["exporter", "--dir", fleet.Dir, "--operator", "rita", "--listen", $"127.0.0.1:{metricsPort}", "--broker-host", "localhost"])
                .InvokeAsync(cancellationToken: stop.Token);
            try
            {
                await Eventually.TrueAsync(() => ExporterClientId().IsMatch(broker.Log), $"the exporter connects as rita with its own client id ({exporterError}; broker log: {broker.Log})");
                var exporterId = ExporterClientId().Match(broker.Log).Groups[1].Value;
                var status = await fleet.RunAsync("status", "--operator", "rita", "--broker-host", "localhost", "--wait-seconds", "0.5");
                Assert.True(status.Code == 0, $"status beside the exporter: exit {status.Code}: {status.Error}");
                using (var kiosk = await SecuredMqttClient.ConnectAsync(port, fleet.Fleet.CaCertificate, "kiosk-s-k1",
                    Path.Combine(bundle, BundleFiles.ClientCertificate), Path.Combine(bundle, BundleFiles.ClientKey)))
                {
                    var presence = new KioskAssist.Protocol.Messages.PresenceMessage("s", "k1", "online", "1.0.0", "m1", DateTimeOffset.UtcNow);
                    await kiosk.PublishAsync(KioskAssist.Protocol.Topics.Presence("s", "k1"), System.Text.Encoding.UTF8.GetString(KioskAssist.Protocol.ProtocolJson.Encode(presence)), retain: true);
                }

                using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}/") };
                var wanted = "kioskassist_kiosk_up{site=\"s\",kiosk=\"k1\"} 1";
                var scraped = string.Empty;
                for (var deadline = DateTime.UtcNow.AddSeconds(20); !scraped.Contains(wanted, StringComparison.Ordinal); await Task.Delay(100, TestContext.Current.CancellationToken))
                {
                    Assert.True(DateTime.UtcNow < deadline, $"k1's presence reaches the exporter's /metrics ({exporterError}; last scrape: {scraped}; broker log: {broker.Log})");
                    scraped = await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
                }

                Assert.DoesNotContain($"Client {exporterId} disconnected", broker.Log, StringComparison.Ordinal);
                Assert.DoesNotContain($"Client {exporterId} already connected", broker.Log, StringComparison.Ordinal);
            }
            finally
            {
                await stop.CancelAsync();
                Assert.Equal(0, await exporter);
            }
        }

        var (code, json, _) = fleet.Run("audit", "--operator", "rita", "--json");
        Assert.Equal(0, code);
        var audit = JsonSerializer.Deserialize<List<AuditEntry>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(2, audit.Count(e => e.Operator == "alice" && e.Command == "status" && e.ExitCode == 0));
        Assert.Contains(audit, e => e.Operator == "rita" && e.Command == "status" && e.ExitCode == 0);
        Assert.Contains(audit, e => e.Operator == "rita" && e.Command == "rollout answers" && e.ExitCode == 2 && e.Arguments.Contains("--to s/k1", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Operator == "alice" && e.Command == "broker-config" && e.ExitCode == 2);
        Assert.Contains(audit, e => e.Operator == "rita" && e.Command == "exporter" && e.ExitCode == 0);
    }

    [Fact]
    public void A_typo_exits_2_as_the_readme_says()
    {
        using var fleet = new FleetTool();
        using var error = new StringWriter();
        var code = FleetCli.Invoke(FleetCli.Create(TextReader.Null, TextWriter.Null, error), ["statsu", "--dir", fleet.Dir], error);
        Assert.Equal(2, code);
        Assert.Contains("statsu", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"New client connected from \S+ as (kafleet-op-rita-exporter-[0-9a-f]{8})")]
    private static partial Regex ExporterClientId();

    [GeneratedRegex(@"New client connected from \S+ as (kafleet-op-\w+-[0-9a-f]{8})")]
    private static partial Regex OperatorClientId();
}
