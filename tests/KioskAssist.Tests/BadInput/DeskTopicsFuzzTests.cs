using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.AgentDesk.Live;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Desk;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Every topic the agent desk reads (requests, chat, kiosk presence, desk presence) fed generated bad payloads through a
/// real Mosquitto: each one is dropped, counted on <c>/health</c> and logged, and afterwards a real kiosk's request
/// still reaches the desk and an agent's claim still reaches the kiosk.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeskTopicsFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 6_2026;
    private const string Site = "jkt-01";
    private const string Kiosk = "k03";
    private const string RequestId = "r-fuzzed";

    /// <summary><c>MessageDropped</c> in agent-desk/Log.cs (a warning per undecodable, mismatched or wrong-topic message).</summary>
    private const int MessageDroppedEvent = 30;

    /// <summary><c>MessageIgnored</c> in agent-desk/Log.cs (debug: duplicates, stale revisions, chat for unknown requests).</summary>
    private const int MessageIgnoredEvent = 33;

    [Fact]
    public async Task Every_bad_payload_is_logged_counted_and_dropped_and_a_real_request_is_still_claimed()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker, "--Logging:LogLevel:KioskAssist.AgentDesk.Live=Debug");
        var logs = new CapturedLogs();
        desk.Get<ILoggerFactory>().AddProvider(logs);
        var drops = desk.Get<DropCounters>();
        var state = desk.Get<DeskState>();
        long Total(params DropReason[] reasons) => reasons.Sum(r => drops[r]);
        long AllDrops() => Total(Enum.GetValues<DropReason>());
        Assert.Equal(0, AllDrops());

        // Generated payloads must not even decode: a state change or a drop for any other reason counts as a failure.
        DropReason[] undecodable = [DropReason.Malformed, DropReason.Oversized, DropReason.UnsupportedVersion];
        await using var check = await DropCheck.ConnectAsync(
            broker, () => Total(undecodable), () => state.Version + AllDrops() - Total(undecodable));
        var bad = new List<(string Topic, BadPayload Payload)>();
        bad.AddRange(BadPayloads.For(Request(RequestId, revision: 2), Seed, withEmpty: false).Select(p => (Topics.Request(Site, Kiosk, RequestId), p)));
        bad.AddRange(BadPayloads.For(Chat(RequestId), Seed + 1).Select(p => (Topics.Chat(Site, Kiosk, RequestId), p)));
        bad.AddRange(BadPayloads.For(Presence(), Seed + 2, withEmpty: false).Select(p => (Topics.Presence(Site, Kiosk), p)));
        bad.AddRange(BadPayloads.For(OtherDesk(), Seed + 3, withEmpty: false).Select(p => (Topics.DeskPresence("desk-other"), p)));
        // On MQTT 5 the desk tells the broker its maximum packet size, and the broker never sends it a 1 MiB payload
        // (Security/MaximumPacketSizeTests): those are not the desk's to drop. Payloads just over 256 KiB still reach it.
        bad.RemoveAll(b => b.Payload.Bytes.Length >= DeskBrokerLink.MaximumPacketBytes);
        foreach (var (topic, payload) in bad)
        {
            await check.SendAsync(topic, payload);
        }

        output.WriteLine($"sent {check.Sent} generated bad payloads (seed {Seed}); broker refused {check.RefusedByBroker.Count}; slowest drop {check.SlowestDrop.TotalMilliseconds:F0} ms ({check.Slowest})");
        check.Slow.ForEach(output.WriteLine);
        Assert.Empty(check.RefusedByBroker);
        Assert.True(check.Failures.Count == 0, $"{check.Failures.Count} of {check.Sent} not dropped:\n" + string.Join('\n', check.Failures));
        Assert.Equal(bad.Count, check.Sent);

        // Valid payloads the desk must still not apply: wrong topic levels, payloads that contradict their topic,
        // chat for a request it does not know, and a request state again (duplicate) or older (stale).
        await using var notApplied = await DropCheck.ConnectAsync(broker, AllDrops, () => state.Version);
        await notApplied.PublishAsync(Topics.Request(Site, Kiosk, RequestId), Request(RequestId, revision: 2).Valid);
        await Eventually.TrueAsync(() => state.View().Requests.Count == 1, "a valid request is applied");
        (string Topic, BadPayload Payload)[] valid =
        [
            ($"{Topics.Root}/requests/{Site}/{Kiosk}/not an id", new("request on a level with spaces", Request(RequestId, 3).Valid)),
            ($"{Topics.Root}/chat/{Site}/{Kiosk}/", new("chat on an empty level", Chat(RequestId).Valid)),
            (Topics.Request(Site, Kiosk, "another-request"), new("request names another request than its topic", Request(RequestId, 3).Valid)),
            (Topics.Request(Site, "k04", RequestId), new("request names another kiosk than its topic", Request(RequestId, 3).Valid)),
            (Topics.Chat(Site, Kiosk, "another-request"), new("chat names another request than its topic", Chat(RequestId).Valid)),
            (Topics.Chat(Site, Kiosk, "unknown-request"), new("chat for a request the desk does not know", Chat("unknown-request").Valid)),
            (Topics.Presence(Site, "k04"), new("presence names another kiosk than its topic", Presence().Valid)),
            (Topics.DeskPresence("desk-third"), new("desk presence names another desk than its topic", OtherDesk().Valid)),
            (Topics.Request(Site, Kiosk, RequestId), new("the same revision again", Request(RequestId, revision: 2).Valid)),
            (Topics.Request(Site, Kiosk, RequestId), new("an older revision", Request(RequestId, revision: 1).Valid)),
        ];
        foreach (var (topic, payload) in valid)
        {
            await notApplied.SendAsync(topic, payload);
        }

        Assert.True(notApplied.Failures.Count == 0, string.Join('\n', notApplied.Failures));

        // /health has the same counts, by reason; payloads just over the 256 KiB limit reached the desk and were counted.
        using var client = desk.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        var dropped = health.GetProperty("dropped");
        output.WriteLine($"/health dropped: {dropped}");
        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.Equal(bad.Count + valid.Length, dropped.EnumerateObject().Sum(p => p.Value.GetInt64()));
        Assert.Equal(bad.Count(b => b.Payload.Bytes.Length > ProtocolJson.MaxPayloadBytes), dropped.GetProperty("oversized").GetInt64());
        Assert.Equal(bad.Count, dropped.GetProperty("malformed").GetInt64() + dropped.GetProperty("oversized").GetInt64() + dropped.GetProperty("unsupported_version").GetInt64());
        Assert.Equal((2, 5, 1, 1, 1), (dropped.GetProperty("unknown_topic").GetInt64(), dropped.GetProperty("mismatched").GetInt64(),
            dropped.GetProperty("unknown_request").GetInt64(), dropped.GetProperty("duplicate").GetInt64(), dropped.GetProperty("stale").GetInt64()));

        // A warning per undecodable, mismatched or wrong-topic message; a debug line per one ignored after decoding.
        Assert.Equal(bad.Count + 7, logs.Count(nameof(MessageIntake), MessageDroppedEvent));
        Assert.Equal(3, logs.Count(nameof(MessageIntake), MessageIgnoredEvent));

        // The desk still works: a real kiosk's call reaches it, and an agent's claim reaches the kiosk.
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, "jkt-09", "k01"));
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Button);
        await Eventually.TrueAsync(() => state.View().Requests.Any(r => r.RequestId == call.RequestId), "the real request reaches the desk");
        using var agent = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);
        using var claimed = await agent.PostAsync($"/api/requests/jkt-09/k01/{call.RequestId}/claim", DeskServer.Json(new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, claimed.StatusCode);
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()!.State == HelpState.Assigned, "the claim reaches the kiosk");
    }

    private static PayloadTemplate Request(string id, long revision) => ProtocolTemplates.Request(Site, Kiosk, id, revision);

    private static PayloadTemplate Chat(string requestId) => ProtocolTemplates.Chat(requestId);

    private static PayloadTemplate Presence() => ProtocolTemplates.Presence(Site, Kiosk);

    private static PayloadTemplate OtherDesk() => ProtocolTemplates.DeskPresence("desk-other");
}
