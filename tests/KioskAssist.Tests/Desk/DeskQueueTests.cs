using System.Net.Http.Json;
using System.Text;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Desk;

/// <summary>The desk builds its live queue from what kiosks publish on a real Mosquitto, and drops what it must not trust.</summary>
[Trait("Category", "Integration")]
public sealed class DeskQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Builds_the_queue_oldest_first_from_requests_retained_before_it_started()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await kiosk.PublishAsync(kiosk.Request("r-late", T0.AddSeconds(20)));
        await kiosk.PublishAsync(kiosk.Request("r-first", T0));
        await kiosk.PublishAsync(kiosk.Request("r-middle", T0.AddSeconds(10), urgent: true));

        await using var desk = await DeskServer.StartAsync(broker);
        using var client = await desk.SignedInClientAsync(desk.AddAgent("ana", "Ana").Id);

        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 3, "the desk holds the three retained requests");
        var view = await client.GetFromJsonAsync<DeskView>("/api/desk", ProtocolJson.Options, TestContext.Current.CancellationToken);
        Assert.Equal(["r-first", "r-middle", "r-late"], view!.Requests.Select(r => r.RequestId));
        Assert.True(view.Requests[1].Urgent);
        Assert.Equal("k03", view.Requests[0].Kiosk);
        Assert.Equal(2, view.Requests[0].TranscriptLines);

        // Kiosks read the same order from the desk's retained queue.
        await Eventually.TrueAsync(() => kiosk.LastQueue?.Open.Count == 3, "the desk publishes the queue");
        Assert.Equal(["r-first", "r-middle", "r-late"], kiosk.LastQueue!.Open.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Keeps_the_highest_revision_and_forgets_a_request_cleared_with_an_empty_payload()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var state = desk.Get<DeskState>();
        var drops = desk.Get<DropCounters>();
        var ana = new AgentRef("ana", "Ana");

        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 1));
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 3, HelpState.Assigned, ana));
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 2)); // a late redelivery of an older state
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 3, HelpState.Assigned, ana)); // a duplicate
        await Eventually.TrueAsync(() => drops[DropReason.Duplicate] == 1, "the duplicate is counted");

        var request = Assert.Single(state.View().Requests);
        Assert.Equal(3, request.Revision);
        Assert.Equal(HelpState.Assigned, request.State);
        Assert.Equal("Ana", request.Agent?.Name);
        Assert.Equal(1, drops[DropReason.Stale]);

        await kiosk.ClearAsync("r1");
        await Eventually.TrueAsync(() => state.View().Requests.Count == 0, "the cleared request is gone");

        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 2)); // a redelivery after it finished must not revive it
        await Eventually.TrueAsync(() => drops[DropReason.Stale] == 2, "the stale redelivery is counted");
        Assert.Empty(state.View().Requests);
        Assert.Equal(12, state.Queue().MedianSecondsToClaim); // the claim it saw: 12 s from creation to claim
    }

    [Fact]
    public async Task Drops_and_counts_malformed_oversized_future_version_and_mismatched_payloads_and_keeps_serving()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        using var client = desk.CreateClient();
        var topic = Topics.Request(kiosk.Site, kiosk.Kiosk, "r-bad");
        var valid = Encoding.UTF8.GetString(ProtocolJson.Encode(kiosk.Request("r-bad", T0)));

        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes("not json {"), retain: false);
        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"r-bad\"}"), retain: false);
        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes(valid.Replace("\"language\":\"id\"", "\"language\":\"<script>\"", StringComparison.Ordinal)), retain: false);
        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes(valid.Replace("\"transcript\":[", "\"transcript\":null,\"x\":[", StringComparison.Ordinal)), retain: false);
        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes(valid.Replace("\"transcript\":[", "\"transcript\":[null,", StringComparison.Ordinal)), retain: false);
        await kiosk.PublishRawAsync(topic, new byte[ProtocolJson.MaxPayloadBytes + 1], retain: false);
        await kiosk.PublishRawAsync(topic, Encoding.UTF8.GetBytes(valid.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal)), retain: false);
        await kiosk.PublishRawAsync(Topics.Request(kiosk.Site, kiosk.Kiosk, "r-other"), Encoding.UTF8.GetBytes(valid), retain: false);
        await kiosk.PublishChatAsync("r-unknown", 1, "shopper", "hello?");
        await kiosk.PublishAsync(kiosk.Request("r-good", T0));

        await Eventually.TrueAsync(() => desk.Get<DeskState>().View().Requests.Count == 1, "the valid request arrives after the bad ones");
        using var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/health", TestContext.Current.CancellationToken));
        var dropped = health.RootElement.GetProperty("dropped");
        Assert.Equal(5, dropped.GetProperty("malformed").GetInt64());
        Assert.Equal(1, dropped.GetProperty("oversized").GetInt64());
        Assert.Equal(1, dropped.GetProperty("unsupported_version").GetInt64());
        Assert.Equal(1, dropped.GetProperty("mismatched").GetInt64());
        Assert.Equal(1, dropped.GetProperty("unknown_request").GetInt64());
        Assert.Equal("ready", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("r-good", Assert.Single(desk.Get<DeskState>().View().Requests).RequestId);
    }

    [Fact]
    public async Task Chat_lines_are_kept_once_each_in_sequence_order()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var state = desk.Get<DeskState>();
        await kiosk.PublishAsync(kiosk.Request("r1", T0, revision: 2, HelpState.Connected, new AgentRef("ana", "Ana")));
        await Eventually.TrueAsync(() => state.View().Requests.Count == 1, "the request arrives");

        var second = new ChatMessage("line-2", "r1", 2, "agent", "Let me check", T0, new AgentRef("ana", "Ana"));
        var encoded = ProtocolJson.Encode(second);
        var chatTopic = Topics.Chat(kiosk.Site, kiosk.Kiosk, "r1");
        await kiosk.PublishRawAsync(chatTopic, encoded, retain: false);
        await kiosk.PublishChatAsync("r1", 1, "shopper", "my instalment was declined");
        await kiosk.PublishRawAsync(chatTopic, encoded, retain: false); // redelivered

        await Eventually.TrueAsync(() => desk.Get<DropCounters>()[DropReason.Duplicate] == 1, "the redelivered line is dropped");
        var detail = state.Detail(new RequestKey(kiosk.Site, kiosk.Kiosk, "r1"))!;
        Assert.Equal([1L, 2L], detail.Chat.Select(c => c.Sequence));
        Assert.Equal("my instalment was declined", detail.Chat[0].Text);
    }

    [Fact]
    public async Task After_the_broker_restarts_the_desk_reconnects_and_sees_new_requests()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        var state = desk.Get<DeskState>();
        await using (var before = await TestKiosk.StartAsync(broker))
        {
            await before.PublishAsync(before.Request("r-before", T0));
            await Eventually.TrueAsync(() => state.View().Requests.Count == 1, "the first request arrives");
        }

        await broker.RestartAsync(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => desk.Get<DeskBrokerLink>().IsConnected, "the desk reconnects");
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await kiosk.PublishAsync(kiosk.Request("r-after", T0.AddSeconds(5)));

        await Eventually.TrueAsync(() => state.View().Requests.Count == 2, "the request published after the restart arrives");
        Assert.Equal(["r-before", "r-after"], state.View().Requests.Select(r => r.RequestId));
    }
}
