using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Every topic the kiosk reads (its agent actions, the queue) fed generated bad payloads through a real Mosquitto,
/// while a help call is open: each one is dropped, counted on <c>/health</c> and logged, and afterwards a real claim
/// and a real queue still work.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KioskTopicsFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261128;
    private const string Site = "jkt-01";
    private const string Kiosk = "k03";
    private const string FuzzDesk = "fuzz-desk";

    /// <summary><c>MessageDropped</c> in firmware-host/Log.cs (a warning per malformed, oversized, unknown-version or wrong-topic message).</summary>
    private const int MessageDroppedEvent = 40;

    /// <summary><c>AgentAction</c> in firmware-host/Log.cs (every decoded action, with what became of it).</summary>
    private const int AgentActionEvent = 35;

    [Fact]
    public async Task Every_bad_payload_is_logged_counted_and_dropped_and_a_real_claim_still_reaches_the_kiosk()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(
            [.. KioskServer.UsingBroker(broker, Site, Kiosk), "--Logging:LogLevel:KioskAssist.FirmwareHost.HelpCall=Information"], dataDirectory: null);
        var logs = new CapturedLogs();
        kiosk.Get<ILoggerFactory>().AddProvider(logs);
        using var client = kiosk.CreateClient();
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Button);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        var counters = kiosk.Get<MessageCounters>();
        Assert.Equal((0, 0), (counters.Accepted, counters.Dropped));

        // Generated payloads must not even decode: anything decoded (applied or not) counts as a failure here.
        long Undecodable() => counters[DropReason.Malformed] + counters[DropReason.Oversized] + counters[DropReason.UnsupportedVersion];
        long Decoded() => counters.Accepted + counters[DropReason.UnknownRequest] + counters[DropReason.Refused] + counters[DropReason.Duplicate];
        await using var check = await DropCheck.ConnectAsync(broker, Undecodable, Decoded);
        var agentTopic = Topics.AgentAction(Site, Kiosk, request.Id, FuzzDesk);
        var bad = new List<(string Topic, BadPayload Payload)>();
        bad.AddRange(BadPayloads.For(ProtocolTemplates.ChatAction(request.Id), Seed).Select(p => (agentTopic, p)));
        bad.AddRange(BadPayloads.For(ProtocolTemplates.ResolveAction(request.Id), Seed + 1).Select(p => (agentTopic, p)));
        bad.AddRange(BadPayloads.For(ProtocolTemplates.Queue(Site, Kiosk, request.Id), Seed + 2).Select(p => (Topics.Queue, p)));
        foreach (var (topic, payload) in bad)
        {
            await check.SendAsync(topic, payload);
        }

        output.WriteLine($"sent {check.Sent} generated bad payloads (seed {Seed}); broker refused {check.RefusedByBroker.Count}; slowest drop {check.SlowestDrop.TotalMilliseconds:F0} ms ({check.Slowest})");
        check.Slow.ForEach(output.WriteLine);
        Assert.Empty(check.RefusedByBroker);
        Assert.True(check.Failures.Count == 0, $"{check.Failures.Count} of {check.Sent} not dropped:\n" + string.Join('\n', check.Failures));
        Assert.Equal(bad.Count, check.Sent);

        // Valid payloads the kiosk must still not act on: wrong topic levels, other requests, an agent who is not assigned.
        await using var notForUs = await DropCheck.ConnectAsync(broker, () => counters.Dropped, () => counters.Accepted);
        var claim = ProtocolJson.Encode(ClaimBy(request.Id, "fixed-action-id"));
        var chat = ProtocolTemplates.ChatAction(request.Id, "chat-by-mallory").Valid;
        (string Topic, BadPayload Payload)[] valid =
        [
            ($"{Topics.Root}/agent/{Site}/{Kiosk}/not an id", new("level with spaces", claim)),
            ($"{Topics.Root}/agent/{Site}/{Kiosk}/", new("empty level", claim)),
            ($"{Topics.Root}/agent/{Site}/{Kiosk}/r\u00e9quest\u202e", new("non-ASCII level", claim)),
            (Topics.AgentAction(Site, Kiosk, "another-request", FuzzDesk), new("claim for another request", ProtocolJson.Encode(ClaimBy("another-request", Ids.New())))),
            (agentTopic, new("payload names another request than its topic", ProtocolJson.Encode(ClaimBy("another-request", Ids.New())))),
            (agentTopic, new("chat from an agent who is not assigned", chat)),
            (agentTopic, new("the same action again", chat)),
        ];
        foreach (var (topic, payload) in valid)
        {
            await notForUs.SendAsync(topic, payload);
        }

        Assert.Empty(notForUs.RefusedByBroker);
        Assert.True(notForUs.Failures.Count == 0, string.Join('\n', notForUs.Failures));
        var sent = bad.Count + valid.Length;

        // /health, as a technician reads it, has the same counts; 1 MiB payloads reached the kiosk (Mosquitto passed them on).
        var health = await HealthAsync(client);
        var link = health.GetProperty("broker");
        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal(sent, link.GetProperty("messagesDropped").GetInt64());
        Assert.Equal(0, link.GetProperty("messagesAccepted").GetInt64());
        var by = link.GetProperty("messagesDroppedBy");
        Assert.Equal(bad.Count(b => b.Payload.Bytes.Length > ProtocolJson.MaxPayloadBytes), by.GetProperty("oversized").GetInt64());
        Assert.Equal(3, by.GetProperty("unknown_topic").GetInt64());
        Assert.Equal(2, by.GetProperty("unknown_request").GetInt64());
        Assert.Equal(1, by.GetProperty("refused").GetInt64());
        Assert.Equal(1, by.GetProperty("duplicate").GetInt64());
        Assert.Equal(bad.Count, by.GetProperty("malformed").GetInt64() + by.GetProperty("unsupported_version").GetInt64() + by.GetProperty("oversized").GetInt64());
        output.WriteLine($"/health messagesDroppedBy: {by}");

        // One warning per undecodable or wrong-topic message, one action line per decoded action not applied.
        Assert.Equal(bad.Count + 3, logs.Count(nameof(KioskBrokerLink), MessageDroppedEvent));
        Assert.Equal(4, logs.Count(nameof(HelpCallCoordinator), AgentActionEvent));

        // The kiosk still works: a real claim is applied, a real queue is read, the screen is served.
        Assert.Equal(HelpState.Open, kiosk.Get<HelpCallCoordinator>().View()!.State);
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.State == HelpState.Assigned);
        await desk.Connection.TryPublishAsync(Topics.Queue, ProtocolTemplates.Queue(Site, Kiosk, request.Id).Valid, retain: false, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => counters.Accepted == 2);
        using var state = await client.GetAsync("/api/state", TestContext.Current.CancellationToken);
        state.EnsureSuccessStatusCode();
        Assert.Equal("Ana", (await state.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("help").GetProperty("agentName").GetString());
    }

    private static AgentActionMessage ClaimBy(string requestId, string actionId) => new()
    {
        Id = actionId,
        RequestId = requestId,
        Type = AgentActionType.Claim,
        Agent = new AgentRef("mallory", "Mallory"),
        At = DateTimeOffset.UtcNow,
    };

    private static async Task<JsonElement> HealthAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
}
