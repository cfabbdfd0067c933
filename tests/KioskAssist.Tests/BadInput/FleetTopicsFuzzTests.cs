using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// The topics the kiosk reads beside the help call's — fleet commands (rollout, abort), the rollout package it is
/// fetching, and the store bridge's state — fed generated bad payloads through a real Mosquitto while a help call is
/// open: each one is dropped exactly once, counted by reason on <c>/health</c> and logged; an empty (cleared) command
/// is not a drop; and afterwards a genuine signed command is still answered, a genuine package still read, the bridge
/// state still followed and the help call still claimed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FleetTopicsFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261129;
    private const string Site = "jkt-01";
    private const string Kiosk = "k04";

    /// <summary>Not under <c>$SYS</c>: Mosquitto does not let a client publish there, and any one topic is allowed.</summary>
    private const string BridgeTopic = "store/bridge/central/state";

    /// <summary><c>MessageDropped</c> in firmware-host/Log.cs.</summary>
    private const int MessageDroppedEvent = 40;

    /// <summary><c>BridgeStateChanged</c> in firmware-host/Log.cs (the help call's side of a bridge going down or up).</summary>
    private const int BridgeStateChangedEvent = 39;

    /// <summary><c>RolloutOutcome</c> in firmware-host/Log.cs (every reported outcome).</summary>
    private const int RolloutOutcomeEvent = 70;

    /// <summary>Bytes a command can name (its SHA-256 and size) but not a usable package: a genuine one would take seconds to load.</summary>
    private static readonly byte[] Package = Encoding.UTF8.GetBytes("the package this test's commands name; not a zip");

    private static readonly string PackageSha256 = Convert.ToHexStringLower(SHA256.HashData(Package));

    [Fact]
    public async Task Every_bad_fleet_and_bridge_payload_is_logged_counted_and_dropped_and_signed_commands_and_the_help_call_still_work()
    {
        using var files = new TempDirectory();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = files.File("rollout-public.pem");
        await File.WriteAllTextAsync(publicKey, key.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);

        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var fleet = await FleetOperator.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(
        [
            .. KioskServer.UsingBroker(broker, Site, Kiosk),
            $"--Rollout:PublicKeyFile={publicKey}",
            $"--Rollout:Directory={files.File("rollouts")}",
            $"--Help:BridgeStateTopic={BridgeTopic}",
            "--Logging:LogLevel:KioskAssist.FirmwareHost=Information",
        ], dataDirectory: null);
        var logs = new CapturedLogs();
        kiosk.Get<ILoggerFactory>().AddProvider(logs);
        using var client = kiosk.CreateClient();
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Button);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        var counters = kiosk.Get<MessageCounters>();
        Assert.Equal((0, 0), (counters.Accepted, counters.Dropped));
        var applier = kiosk.Get<RolloutApplier>();
        var (model, answers) = (applier.ActiveVersion(RolloutKind.Model), applier.ActiveVersion(RolloutKind.Answers));

        // An empty payload on a command topic is the operator clearing it: not a drop (the totals below would be off).
        var modelTopic = FleetTopics.Rollout(Site, Kiosk, RolloutKind.Model);
        var answersTopic = FleetTopics.Rollout(Site, Kiosk, RolloutKind.Answers);
        var abortTopic = FleetTopics.Abort(Site, Kiosk, "rollout-model");
        foreach (var topic in new[] { modelTopic, answersTopic, abortTopic })
        {
            await fleet.PublishRetainedAsync(topic, []);
        }

        // Commands, aborts and bridge states: generated payloads must not even decode (or, on the bridge, be 1 or 0).
        long Undecodable() => counters[DropReason.Malformed] + counters[DropReason.Oversized] + counters[DropReason.UnsupportedVersion];
        long Decoded() => counters.Accepted + counters[DropReason.UnknownRequest] + counters[DropReason.Refused] + counters[DropReason.Duplicate];
        await using var check = await DropCheck.ConnectAsync(broker, Undecodable, Decoded);
        var commands = new List<(string Topic, BadPayload Payload)>();
        commands.AddRange(BadPayloads.For(ProtocolTemplates.Rollout(Site, Kiosk, RolloutKind.Model, model, key), Seed, withEmpty: false).Select(p => (modelTopic, p)));
        commands.AddRange(BadPayloads.For(ProtocolTemplates.Rollout(Site, Kiosk, RolloutKind.Answers, answers, key), Seed + 1, withEmpty: false).Select(p => (answersTopic, p)));
        commands.AddRange(BadPayloads.For(ProtocolTemplates.RolloutAbort(Site, Kiosk, "rollout-model", key), Seed + 2, withEmpty: false).Select(p => (abortTopic, p)));
        var bridge = BadPayloads.For(ProtocolTemplates.RolloutAbort(Site, Kiosk, "rollout-model"), Seed + 3)
            .Concat(new[] { "2", "01", "10", "1 ", " 0", "1\n", "true", "up", "\0", "１" }.Select(text => new BadPayload($"bridge state '{text}'", Encoding.UTF8.GetBytes(text))))
            .Where(p => !p.Bytes.AsSpan().SequenceEqual("1"u8) && !p.Bytes.AsSpan().SequenceEqual("0"u8))
            .ToList();
        foreach (var (topic, payload) in commands.Concat(bridge.Select(p => (BridgeTopic, p))))
        {
            await check.SendAsync(topic, payload);
        }

        output.WriteLine($"sent {check.Sent} generated bad payloads ({commands.Count} commands and aborts, {bridge.Count} bridge states; seed {Seed}); broker refused {check.RefusedByBroker.Count}; slowest drop {check.SlowestDrop.TotalMilliseconds:F0} ms ({check.Slowest})");
        check.Slow.ForEach(output.WriteLine);
        Assert.Empty(check.RefusedByBroker);
        Assert.True(check.Failures.Count == 0, $"{check.Failures.Count} of {check.Sent} not dropped:\n" + string.Join('\n', check.Failures));
        Assert.Equal(commands.Count + bridge.Count, check.Sent);
        Assert.Equal((0, 0), (counters.Accepted, counters[DropReason.Refused]));

        // Packages: the kiosk reads a package topic only while a command waits for it, so each bad package is met by a
        // genuine signed command naming it. It must be dropped once (not the package its topic names) and the rollout refused.
        var packageTopic = FleetTopics.Package(PackageSha256);
        var packages = BadPayloads.For(ProtocolTemplates.RolloutAbort(Site, Kiosk, "r"), Seed + 4, truncateEvery: 40, withEmpty: false);
        var packageFailures = new List<string>();
        for (var i = 0; i < packages.Count; i++)
        {
            var before = Snapshot(counters);
            var id = $"package-{i}";
            await fleet.PublishRetainedAsync(packageTopic, packages[i].Bytes);
            await fleet.PublishRetainedAsync(answersTopic, ProtocolJson.Encode(Command(id, key)));
            var report = await fleet.ReportOnAsync(id);
            var after = Snapshot(counters);
            if (report.Outcome != RolloutOutcome.Refused || report.Reason != "the package's SHA-256 does not match the command"
                || after.Accepted != before.Accepted + 1 || after.Dropped != before.Dropped + 1 || after.Refused != before.Refused + 1)
            {
                packageFailures.Add($"{packages[i]}: {report.Outcome} '{report.Reason}', accepted +{after.Accepted - before.Accepted}, dropped +{after.Dropped - before.Dropped} (refused +{after.Refused - before.Refused})");
            }
        }

        output.WriteLine($"sent {packages.Count} bad packages, each to a waiting command");
        Assert.True(packageFailures.Count == 0, $"{packageFailures.Count} of {packages.Count} packages not dropped once:\n" + string.Join('\n', packageFailures));

        // The genuine package is still read (and, not being a zip, refused for that), and one nobody asked for is dropped.
        await fleet.PublishRetainedAsync(packageTopic, Package);
        await fleet.PublishRetainedAsync(answersTopic, ProtocolJson.Encode(Command("package-genuine", key)));
        var genuine = await fleet.ReportOnAsync("package-genuine");
        Assert.True(genuine.Outcome == RolloutOutcome.Refused && genuine.Reason!.StartsWith("the package is not a usable answers package", StringComparison.Ordinal), $"{genuine}");
        var unasked = counters[DropReason.UnknownRequest];
        kiosk.Get<RolloutInbox>().Post(packageTopic, Package); // as if in flight when the subscription ended: the broker sends none otherwise
        await Eventually.TrueAsync(() => counters[DropReason.UnknownRequest] == unasked + 1);

        // A valid signed command for a version that is not newer is answered "refused"; the bridge state is still followed.
        await fleet.PublishRetainedAsync(modelTopic, ProtocolJson.Encode(ProtocolTemplates.Signed(
            new RolloutMessage("not-newer", Site, Kiosk, RolloutKind.Model, model, PackageSha256, Package.Length, DateTimeOffset.UtcNow, null), key)));
        var notNewer = await fleet.ReportOnAsync("not-newer");
        Assert.Equal((RolloutOutcome.Refused, $"version {model} is not newer than the active {model}"), (notNewer.Outcome, notNewer.Reason));
        var accepted = packages.Count + 2 + 1 + 1; // a command per package, the genuine command and package, the not-newer command, the bridge state
        await check.PublishAsync(BridgeTopic, "0"u8.ToArray());
        await Eventually.TrueAsync(() => logs.Count(nameof(HelpCallCoordinator), BridgeStateChangedEvent) == 1 && counters.Accepted == accepted);

        // /health has the same counts, by reason.
        var health = await client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        var link = health.GetProperty("broker");
        var by = link.GetProperty("messagesDroppedBy");
        output.WriteLine($"/health messagesAccepted {link.GetProperty("messagesAccepted")}, messagesDropped {link.GetProperty("messagesDropped")}, by reason: {by}");
        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal(commands.Count + bridge.Count + packages.Count + 1, link.GetProperty("messagesDropped").GetInt64());
        Assert.Equal(accepted, link.GetProperty("messagesAccepted").GetInt64());
        Assert.Equal(commands.Count(c => c.Payload.Bytes.Length > ProtocolJson.MaxPayloadBytes), by.GetProperty("oversized").GetInt64());
        Assert.Equal(commands.Count + bridge.Count, by.GetProperty("malformed").GetInt64() + by.GetProperty("unsupported_version").GetInt64() + by.GetProperty("oversized").GetInt64());
        Assert.Equal(packages.Count, by.GetProperty("refused").GetInt64());
        Assert.Equal(1, by.GetProperty("unknown_request").GetInt64());
        Assert.Equal(0, by.GetProperty("unknown_topic").GetInt64() + by.GetProperty("duplicate").GetInt64());

        // One warning per drop; one outcome line per report (each package's, the genuine package's, the not-newer command's).
        Assert.Equal(commands.Count + packages.Count + 1, logs.Count(nameof(RolloutAgent), MessageDroppedEvent));
        Assert.Equal(bridge.Count, logs.Count(nameof(KioskBrokerLink), MessageDroppedEvent));
        Assert.Equal(packages.Count + 2, logs.Count(nameof(RolloutAgent), RolloutOutcomeEvent));

        // The help call still works: a real claim is applied and shown.
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.State == HelpState.Assigned);
        using var state = await client.GetAsync("/api/state", TestContext.Current.CancellationToken);
        state.EnsureSuccessStatusCode();
        Assert.Equal("Ana", (await state.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("help").GetProperty("agentName").GetString());
    }

    /// <summary>A signed answers command for a version newer than any shipped, naming <see cref="Package"/>.</summary>
    private static RolloutMessage Command(string id, ECDsa key) => ProtocolTemplates.Signed(
        new RolloutMessage(id, Site, Kiosk, RolloutKind.Answers, "9999.1.1", PackageSha256, Package.Length, DateTimeOffset.UtcNow, null), key);

    private static (long Accepted, long Dropped, long Refused) Snapshot(MessageCounters counters) =>
        (counters.Accepted, counters.Dropped, counters[DropReason.Refused]);
}
