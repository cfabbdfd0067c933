using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Provisioning;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;
using MQTTnet;

namespace KioskAssist.Tests.Rollouts;

/// <summary>
/// Signed rollouts end to end: kafleet (in-process) and real kiosk hosts with their bundles over a real Mosquitto with
/// the mutual-TLS configuration and ACL from <c>kafleet broker-config</c>, the real model and answers.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class RolloutTests(RolloutFixture fleet) : IClassFixture<RolloutFixture>
{
    private const string Shipped = "2026.12.05.2";

    [Fact]
    public async Task A_newer_signed_model_is_applied_without_restart_kept_across_a_restart_and_rolled_back_if_it_no_longer_loads()
    {
        var data = fleet.NewDataDirectory();
        var kiosk = await fleet.StartKioskAsync("apply", data);
        try
        {
            Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
            var (code, output, error) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate("2099.1.1.1"), "--to", "s/apply", "--wait-seconds", "60");
            Assert.True(code == 0, $"{output}\n{error}\n{fleet.BrokerLog}");
            Assert.Matches(@"s/apply\s+applied\s+now answering with model 2099\.1\.1\.1", output);
            var rolloutId = RolloutIdIn(output);

            // The same host, not restarted, answers with the new model.
            Assert.Equal("2099.1.1.1", kiosk.Get<ActiveModel>().Version);
            Assert.Equal(rolloutId, kiosk.Get<ActiveModel>().Source);
            Assert.Equal("card_declined", kiosk.Get<Assistant>().Ask("my card was declined", "en").Intent);
            using (var watcher = await fleet.ConnectOperatorAsync())
            {
                await watcher.SubscribeAsync(Topics.Presence("s", "apply"));
                await Eventually.TrueAsync(() => watcher.Received.Any(m => m.Contains("\"model\":\"2099.1.1.1\"", StringComparison.Ordinal)), "presence shows the new model");
            }

            using (var ledger = RolloutLedger.Open(fleet.Fleet.Fleet))
            {
                Assert.Equal("applied", Assert.Single(ledger.Targets(rolloutId)).Status);
            }

            // Restart: the rolled-out model, not the shipped Model:Directory.
            await kiosk.DisposeAsync();
            kiosk = await fleet.StartKioskAsync("apply", data);
            Assert.Equal("2099.1.1.1", kiosk.Get<ActiveModel>().Version);

            // The rolled-out model is damaged on disk: at the next start the kiosk falls back to the shipped one and says so.
            await kiosk.DisposeAsync();
            var onDisk = Path.Combine(data, "rollouts", "model", rolloutId, "model.onnx");
            await File.AppendAllTextAsync(onDisk, "x", TestContext.Current.CancellationToken);
            kiosk = await fleet.StartKioskAsync("apply", data);
            Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
            var report = await ReportAsync("s", "apply", rolloutId, RolloutOutcome.RolledBack);
            Assert.Contains("failed to load at start", report.Reason, StringComparison.Ordinal);
            Assert.Equal(Shipped, report.Active);
        }
        finally
        {
            await kiosk.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_older_or_equal_version_is_refused_and_the_kiosk_keeps_its_model()
    {
        await using var kiosk = await fleet.StartKioskAsync("refuse", fleet.NewDataDirectory());
        foreach (var version in new[] { "2025.1.1.1", Shipped })
        {
            var (code, output, _) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate(version), "--to", "s/refuse", "--wait-seconds", "60");
            Assert.Equal(RolloutPublisher.NotAllApplied, code);
            Assert.Matches($@"s/refuse\s+refused\s+version {Regex.Escape(version)} is not newer than the active {Regex.Escape(Shipped)}", output);
            Assert.Contains("0 applied, 1 refused, 0 rolled back, 0 pending.", output, StringComparison.Ordinal);
        }

        Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
        Assert.Equal("shipped", kiosk.Get<ActiveModel>().Source);
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_and_tampered_rollouts_are_refused_with_the_reason_and_the_model_is_kept()
    {
        await using var kiosk = await fleet.StartKioskAsync("forged", fleet.NewDataDirectory());
        var package = RolloutPackage.Build(RolloutKind.Model, fleet.Candidate("2099.2.2.2"));
        using var fleetKey = LoadKey(fleet.Fleet.Fleet.RolloutSigningKey);
        using var otherKey = LoadKey(fleet.OtherFleet.Fleet.RolloutSigningKey);
        RolloutMessage Command(string id) =>
            new(id, "s", "forged", RolloutKind.Model, package.Version, package.Sha256, package.Bytes.LongLength, DateTimeOffset.UtcNow, null);
        RolloutMessage Signed(RolloutMessage c, System.Security.Cryptography.ECDsa key) => c with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(c)) };

        var tamperedBytes = (byte[])package.Bytes.Clone();
        tamperedBytes[tamperedBytes.Length / 2] ^= 0x5a;
        var cases = new (string Name, RolloutMessage Command, byte[]? Package, string Reason)[]
        {
            ("unsigned", Command("unsigned"), null, "the command is unsigned"),
            ("another fleet's key", Signed(Command("other-key"), otherKey), null, "the signature does not verify with this fleet's rollout key"),
            ("command altered after signing", Signed(Command("altered"), fleetKey) with { Version = "2099.9.9.9" }, null, "the signature does not verify with this fleet's rollout key"),
            ("signed for another kiosk", Signed(Command("elsewhere") with { Kiosk = "apply" }, fleetKey), null, "the command is for s/apply, not this kiosk"),
            ("package altered", Signed(Command("payload"), fleetKey), tamperedBytes, "the package's SHA-256 does not match the command"),
            ("signed in 2020 (issue #12)", Signed(Command("stale") with { At = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero) }, fleetKey), null,
                "the command was signed at 2020-01-02 03:04:05Z, more than Rollout:MaxCommandAgeHours (168) ago"),
            ("signed for 2099", Signed(Command("future") with { At = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero) }, fleetKey), null,
                "the command was signed at 2099-01-02 03:04:05Z, more than 5 minutes ahead of this kiosk's clock"),
        };

        using var operatorClient = await fleet.ConnectOperatorAsync();
        await operatorClient.SubscribeAsync(FleetTopics.RolloutReport("s", "forged"));
        foreach (var (name, command, bytes, reason) in cases)
        {
            // The package topic is named by the genuine SHA-256; a tampered package is published under that name.
            await PublishAsync(operatorClient, package.Topic, bytes ?? package.Bytes);
            await PublishAsync(operatorClient, FleetTopics.Rollout("s", "forged", RolloutKind.Model), ProtocolJson.Encode(command));
            var report = Decode(await Eventually.ValueAsync(() => operatorClient.Received
                .Select(m => m[(m.IndexOf(' ', StringComparison.Ordinal) + 1)..])
                .FirstOrDefault(m => m.Contains($"\"rolloutId\":\"{command.Id}\"", StringComparison.Ordinal))));
            Assert.True(report.Outcome == RolloutOutcome.Refused && report.Reason == reason, $"{name}: {report}");
            Assert.Equal(Shipped, report.Active);
        }

        Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
        Assert.Equal("card_declined", kiosk.Get<Assistant>().Ask("my card was declined", "en").Intent);
    }

    [Fact]
    public async Task A_kiosk_without_a_rollout_key_refuses_every_rollout_and_says_why()
    {
        await using var kiosk = await fleet.StartKioskAsync("nokey", fleet.NewDataDirectory(), "--Rollout:PublicKeyFile=");
        var (code, output, _) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate("2099.7.7.7"), "--to", "s/nokey", "--wait-seconds", "60");

        Assert.Equal(RolloutPublisher.NotAllApplied, code);
        Assert.Matches(@"s/nokey\s+refused\s+rollouts are disabled on this kiosk \(Rollout:PublicKeyFile is empty\)", output);
        Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
    }

    [Fact]
    public async Task A_candidate_that_fails_its_golden_self_check_is_rolled_back_and_the_old_model_keeps_answering()
    {
        await using var kiosk = await fleet.StartKioskAsync("golden", fleet.NewDataDirectory());
        var (code, output, _) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate("2099.3.3.3", breakGolden: true), "--to", "s/golden", "--wait-seconds", "60", "--skip-preflight");

        Assert.Equal(RolloutPublisher.NotAllApplied, code);
        Assert.Matches(@"s/golden\s+rolled_back\s+the candidate failed its self-check: .*fails its golden check", output);
        Assert.Contains($"(runs model {Shipped},", output, StringComparison.Ordinal);
        Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
        Assert.Equal("card_declined", kiosk.Get<Assistant>().Ask("my card was declined", "en").Intent);
    }

    [Fact]
    public async Task An_answers_rollout_changes_what_the_kiosk_says_at_once()
    {
        await using var kiosk = await fleet.StartKioskAsync("answers", fleet.NewDataDirectory());
        const string NewText = "Your card was declined. Please try another card or pay at the service desk.";
        var (code, output, error) = fleet.Kafleet("rollout", "answers", "--file", fleet.Answers("2099.4.4.4", "card_declined", NewText), "--to", "s/answers", "--wait-seconds", "60");

        Assert.True(code == 0, $"{output}\n{error}");
        Assert.Matches(@"s/answers\s+applied\s+now answering with answers 2099\.4\.4\.4", output);
        Assert.Equal("2099.4.4.4", kiosk.Get<StoreAnswers>().Version);
        var reply = kiosk.Get<Assistant>().Ask("my card was declined", "en");
        Assert.Equal(NewText, reply.Text);
    }

    [Fact]
    public async Task Abort_rolls_a_kiosk_that_applied_the_rollout_back_to_its_previous_model()
    {
        await using var kiosk = await fleet.StartKioskAsync("abort", fleet.NewDataDirectory());
        var (code, output, _) = fleet.Kafleet("rollout", "model", "--file", fleet.Candidate("2099.5.5.5"), "--to", "s/abort", "--wait-seconds", "60");
        Assert.Equal(0, code);
        Assert.Equal("2099.5.5.5", kiosk.Get<ActiveModel>().Version);
        var rolloutId = RolloutIdIn(output);

        var (abortCode, abortOutput, abortError) = fleet.Kafleet("rollout", "abort", "--wait-seconds", "60");

        Assert.True(abortCode == 0, $"{abortOutput}\n{abortError}");
        Assert.Contains($"Aborted rollout {rolloutId}", abortOutput, StringComparison.Ordinal);
        Assert.Matches($@"s/abort\s+rolled_back\s+aborted by the operator; back to model {Regex.Escape(Shipped)}", abortOutput);
        Assert.Equal(Shipped, kiosk.Get<ActiveModel>().Version);
        Assert.Equal("card_declined", kiosk.Get<Assistant>().Ask("my card was declined", "en").Intent);
    }

    [Fact]
    public void A_canary_sends_to_ceil_of_the_percentage_of_the_targets_the_same_ones_every_time()
    {
        var (code, output, _) = fleet.Kafleet("rollout", "answers", "--file", fleet.Answers("2099.6.6.6", "card_declined", "canary"), "--to", "c", "--canary", "34%", "--wait-seconds", "0");

        Assert.Equal(RolloutPublisher.NotAllApplied, code); // nobody runs site c: all pending
        Assert.Contains("signed and sent to 3 kiosk(s) (c, canary 34%)", output, StringComparison.Ordinal);
        using var ledger = RolloutLedger.Open(fleet.Fleet.Fleet);
        var targets = ledger.Targets(RolloutIdIn(output)).Select(t => t.Name).ToList();
        Assert.Equal(3, targets.Count);
        Assert.All(ledger.Targets(RolloutIdIn(output)), t => Assert.Equal("pending", t.Status));

        var all = Enumerable.Range(1, 6).Select(i => ("c", $"k{i}")).ToList();
        Assert.Equal(targets, RolloutTargets.Canary(all, 34).Select(k => $"{k.Item1}/{k.Item2}"));
        Assert.Single(RolloutTargets.Canary(all, 1));
        Assert.Equal(6, RolloutTargets.Canary(all, 100).Count);
        Assert.Subset(RolloutTargets.Canary(all, 67).ToHashSet(), RolloutTargets.Canary(all, 34).ToHashSet());
    }

    private async Task<RolloutReportMessage> ReportAsync(string site, string kiosk, string rolloutId, RolloutOutcome outcome)
    {
        using var watcher = await fleet.ConnectOperatorAsync();
        await watcher.SubscribeAsync(FleetTopics.RolloutReport(site, kiosk));
        var payload = await Eventually.ValueAsync(() => watcher.Received
            .Select(m => m[(m.IndexOf(' ', StringComparison.Ordinal) + 1)..])
            .FirstOrDefault(m => m.Contains($"\"rolloutId\":\"{rolloutId}\"", StringComparison.Ordinal)
                && m.Contains($"\"outcome\":\"{RolloutLedger.Status(outcome)}\"", StringComparison.Ordinal)));
        return Decode(payload);
    }

    private static RolloutReportMessage Decode(string payload)
    {
        Assert.True(ProtocolJson.TryDecode<RolloutReportMessage>(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(payload)), out var report, out var problem), problem);
        return report;
    }

    private static Task PublishAsync(MqttTestClient client, string topic, byte[] payload) =>
        client.Mqtt.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag()
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken);

    private static ECDsa LoadKey(string path)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static string RolloutIdIn(string output) => RolloutIdPattern().Match(output) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException(output);

    [GeneratedRegex("Rollout ([0-9a-f]{32}):")]
    private static partial Regex RolloutIdPattern();
}
