using System.Diagnostics;
using System.Globalization;
using System.Text;
using KioskAssist.AgentDesk.Live;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Desk;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// The seeded fuzzing of every topic the kiosk and the desk read, at any scale: <c>KA_FUZZ_PAYLOADS</c> payloads per
/// receiver (the structured cases of <see cref="BadPayloads"/> for each topic, then <see cref="PayloadMutator"/>
/// mutations until the count is reached). Not in CI (skipped without the variable); run it with
/// <c>KA_FUZZ_PAYLOADS=100000 dotnet test --project tests/KioskAssist.Tests -c Release -- --filter-class KioskAssist.Tests.BadInput.FuzzAtScaleTests</c>.
/// Every payload must be counted once, by some reason or as accepted (the total is compared, with at most 200 in
/// flight); a crash is a handler exception (BrokerConnection event 105), a payload never counted, or a receiver that stops. The counts by
/// reason go to the test output and to <c>KA_FUZZ_REPORT</c> (a file) when set.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class FuzzAtScaleTests(ITestOutputHelper output)
{
    private const int Seed = 20261205;
    private const int HandlerFailedEvent = 105;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static int Target => int.TryParse(Environment.GetEnvironmentVariable("KA_FUZZ_PAYLOADS"), CultureInfo.InvariantCulture, out var n) ? n : 0;

    [Fact]
    public async Task Every_topic_the_kiosk_reads()
    {
        Assert.SkipWhen(Target <= 0, "set KA_FUZZ_PAYLOADS (e.g. 100000) to run the fuzzing at scale");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker, "jkt-01", "k03"), "--Logging:LogLevel:Default=Error"], dataDirectory: null);
        var logs = new CapturedLogs();
        kiosk.Get<ILoggerFactory>().AddProvider(logs);
        var help = kiosk.Get<HelpCallCoordinator>();
        var counters = kiosk.Get<MessageCounters>();
        var requestId = help.Start(HelpReason.Button).RequestId;
        await desk.WaitForAsync(() => desk.Request(requestId));

        // An empty payload on a fleet topic is a cleared retained command: not counted (docs/protocol.md), so not sent.
        var topics = new (string Topic, PayloadTemplate Template, bool EmptyCounted)[]
        {
            (Topics.AgentAction("jkt-01", "k03", requestId, "fuzz-desk"), ProtocolTemplates.ChatAction(requestId), true),
            (Topics.AgentAction("jkt-01", "k03", requestId, "fuzz-desk"), ProtocolTemplates.ResolveAction(requestId), true),
            ($"{Topics.Root}/agent/jkt-01/k03/{requestId}", ProtocolTemplates.ChatAction(requestId), true),
            (Topics.Queue, ProtocolTemplates.Queue("jkt-01", "k03", requestId), true),
            (FleetTopics.Rollout("jkt-01", "k03", RolloutKind.Model), ProtocolTemplates.Rollout("jkt-01", "k03", RolloutKind.Model, "2099.1.1.1"), false),
            (FleetTopics.Abort("jkt-01", "k03", "rollout-model"), ProtocolTemplates.RolloutAbort("jkt-01", "k03", "rollout-model"), false),
        };
        var result = await FuzzAsync(broker, topics, () => counters.Accepted + counters.Dropped, () => logs.Count(nameof(KioskBrokerLink), HandlerFailedEvent), (_, _) => false);
        var byReason = string.Join(", ", counters.DroppedByReason().Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"));
        Report("kiosk", result, $"accepted {counters.Accepted}; dropped {counters.Dropped}: {byReason}");
        Assert.Equal((0, 0, 0), (result.Crashes, result.Uncounted, result.MayBeSilent));
        Assert.NotNull(help.View() ?? (object?)help.LastEnded); // the kiosk still answers
    }

    [Fact]
    public async Task Every_topic_the_desk_reads()
    {
        Assert.SkipWhen(Target <= 0, "set KA_FUZZ_PAYLOADS (e.g. 100000) to run the fuzzing at scale");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--Logging:LogLevel:Default=Error");
        var logs = new CapturedLogs();
        desk.Get<ILoggerFactory>().AddProvider(logs);
        var drops = desk.Get<DropCounters>();
        var state = desk.Get<DeskState>();
        // An empty payload on a request, presence or desk presence topic means "gone": not counted, so not sent.
        var topics = new (string Topic, PayloadTemplate Template, bool EmptyCounted)[]
        {
            (Topics.Request("jkt-01", "k03", "r-fuzzed"), ProtocolTemplates.Request("jkt-01", "k03", "r-fuzzed", 2), false),
            (Topics.Chat("jkt-01", "k03", "r-fuzzed"), ProtocolTemplates.Chat("r-fuzzed"), true),
            (Topics.Presence("jkt-01", "k03"), ProtocolTemplates.Presence("jkt-01", "k03"), false),
            (Topics.DeskPresence("desk-other"), ProtocolTemplates.DeskPresence("desk-other"), false),
        };
        long Dropped() => Enum.GetValues<KioskAssist.AgentDesk.Live.DropReason>().Sum(r => drops[r]);
        // Every message the desk reads is accepted or dropped by reason (a valid kiosk presence that changes nothing is
        // accepted). Only what the broker never sends it goes uncounted: packets over the desk's maximum (1 MiB payloads).
        bool Silent(string topic, byte[] bytes) => bytes.Length >= DeskBrokerLink.MaximumPacketBytes;
        var result = await FuzzAsync(broker, topics, () => Dropped() + drops.Accepted, () => logs.Count(nameof(DeskBrokerLink), HandlerFailedEvent), Silent);
        var byReason = string.Join(", ", drops.Snapshot().Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"));
        Report("desk", result, $"accepted {drops.Accepted} (state changes {state.Version}); dropped {Dropped()}: {byReason}; payloads over the desk's maximum packet size (withheld by the broker) {result.MayBeSilent}");
        Assert.Equal(0, result.Crashes);
        Assert.Equal(result.MayBeSilent, result.Uncounted);
    }

    private sealed record FuzzResult(int Sent, int Uncounted, int MayBeSilent, int Crashes, TimeSpan Took, List<string> Examples);

    /// <summary>
    /// Sends <see cref="Target"/> payloads round-robin over the topics, at most <see cref="Window"/> not yet counted at a
    /// time (Mosquitto queues at most 1,000 QoS 1 messages per client and drops the rest), then waits for the count.
    /// </summary>
    private static async Task<FuzzResult> FuzzAsync(
        MosquittoBroker broker, (string Topic, PayloadTemplate Template, bool EmptyCounted)[] topics, Func<long> counted, Func<int> crashes,
        Func<string, byte[], bool> maySilentlyApply)
    {
        await using var publisher = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1 }, "fuzz-at-scale", null, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = publisher.RunAsync(stop.Token);
        await publisher.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        var started = Stopwatch.StartNew();
        var start = counted();
        var (sent, refused, silent, examples) = (0, 0, 0, new List<string>());
        foreach (var (topic, payload) in Payloads(topics).Take(Target))
        {
            if (!await WaitAsync(() => sent - silent - (counted() - start) < Window))
            {
                examples.Add($"stalled: {sent - (counted() - start)} of {sent} not counted after {Patience.TotalSeconds:F0} s, before {payload} on {topic}");
                break;
            }

            if (await PublishAsync(publisher, topic, payload.Bytes))
            {
                sent++;
                silent += maySilentlyApply(topic, payload.Bytes) ? 1 : 0;
            }
            else
            {
                refused++; // the broker refused it (none expected)
            }
        }

        await WaitAsync(() => counted() - start >= sent - silent);
        var uncounted = (int)(sent - (counted() - start));
        if (refused > 0)
        {
            examples.Add($"{refused} refused by the broker");
        }

        await stop.CancelAsync();
        await run;
        return new FuzzResult(sent, uncounted, silent, crashes(), started.Elapsed, examples);
    }

    private const int Window = 200;

    /// <summary>
    /// Publishes, and after a failure (on a loaded machine a PUBACK can take longer than the client's 10 s, and the client
    /// then reconnects) waits for the connection and tries the same payload again, so no payload is skipped unsent.
    /// </summary>
    private static async Task<bool> PublishAsync(BrokerConnection publisher, string topic, byte[] bytes)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await publisher.TryPublishAsync(topic, bytes, retain: false, TestContext.Current.CancellationToken))
            {
                return true;
            }

            await publisher.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>True once <paramref name="condition"/> holds; false when it did not within <see cref="Patience"/>.</summary>
    private static async Task<bool> WaitAsync(Func<bool> condition)
    {
        var waiting = Stopwatch.StartNew();
        while (!condition())
        {
            if (waiting.Elapsed > Patience)
            {
                return false;
            }

            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        return true;
    }

    /// <summary>The structured bad payloads of every topic once, then mutations round-robin, without end.</summary>
    private static IEnumerable<(string Topic, BadPayload Payload)> Payloads((string Topic, PayloadTemplate Template, bool EmptyCounted)[] topics) =>
        AllPayloads(topics).Where(p => p.Payload.Bytes.Length > 0 || topics.First(t => t.Topic == p.Topic).EmptyCounted);

    private static IEnumerable<(string Topic, BadPayload Payload)> AllPayloads((string Topic, PayloadTemplate Template, bool EmptyCounted)[] topics)
    {
        for (var i = 0; i < topics.Length; i++)
        {
            foreach (var payload in BadPayloads.For(topics[i].Template, Seed + i))
            {
                yield return (topics[i].Topic, payload);
            }
        }

        for (var round = 0; ; round++)
        {
            for (var i = 0; i < topics.Length; i++)
            {
                foreach (var payload in PayloadMutator.Mutations(topics[i].Template, Seed + (round * topics.Length) + i, 50))
                {
                    yield return (topics[i].Topic, payload);
                }
            }
        }
    }

    private void Report(string receiver, FuzzResult result, string counts)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{receiver}: sent {result.Sent} payloads (seed {Seed}) in {result.Took.TotalSeconds:F0} s; crashes {result.Crashes}; not counted {result.Uncounted}")
            .AppendLine(CultureInfo.InvariantCulture, $"{receiver}: {counts}");
        result.Examples.ForEach(e => text.AppendLine(e));
        output.WriteLine(text.ToString());
        if (Environment.GetEnvironmentVariable("KA_FUZZ_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, text.ToString());
        }
    }
}
