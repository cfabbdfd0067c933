using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// The shopper's screen API and the new wire messages through a real Mosquitto: "sent" told truthfully, typing both
/// ways, the rating, store-staff acknowledgement, and store staff called when no agent is online.
/// </summary>
[Trait("Category", "HelpCall")]
public sealed class CallScreenOverMosquittoTests
{
    private const string Site = "test-site";
    private const string KioskId = "kiosk-1";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The defect: the answer to the tap was computed before the outbox delivered the request, so it said "saved" while the
    /// event stream, a few milliseconds later, said "sent"; the page drew whichever arrived last, and in about half the
    /// taps that was the answer, leaving "will be sent as soon as the network is back" up until the next change.
    /// </summary>
    [Fact]
    public async Task The_answer_to_a_tap_says_sent_once_the_request_reached_the_broker_and_states_are_numbered()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        using var client = kiosk.CreateClient();
        await using var events = await StateStream.OpenAsync(kiosk.Address);

        for (var tap = 0; tap < 5; tap++)
        {
            using var response = await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, Token);
            response.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
            var help = answer.RootElement.GetProperty("help");
            var requestId = help.GetProperty("requestId").GetString()!;
            var request = await desk.WaitForAsync(() => desk.Request(requestId));

            Assert.True(help.GetProperty("delivered").GetBoolean(), $"tap {tap + 1}: the answer said 'saved' with the broker up");
            var version = answer.RootElement.GetProperty("version").GetInt64();
            Assert.DoesNotContain(version, events.Versions); // every state served has its own number

            using var cancel = await client.PostAsJsonAsync("/api/help/cancel", new { }, Token);
            await Eventually.TrueAsync(() => desk.Cleared.Contains(request.Id));
        }

        var versions = events.Versions.ToList();
        Assert.Equal(versions.Order(), versions); // the event stream never goes back in time
        Assert.True(versions.Count >= 5);
    }

    [Fact]
    public async Task Shopper_typing_is_published_at_most_every_three_seconds_without_text()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var peer = await WirePeer.ConnectAsync(broker, "typing-reader", Topics.AllTyping);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        using var client = kiosk.CreateClient();
        using (var none = await client.PostAsJsonAsync("/api/help/typing", new { }, Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode); // no call, nobody to tell
        }

        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Screen);
        var topic = Topics.Typing(Site, KioskId, call.RequestId);

        using (var first = await client.PostAsJsonAsync("/api/help/typing", new { }, Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        using (var throttled = await client.PostAsJsonAsync("/api/help/typing", new { }, Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, throttled.StatusCode);
        }

        // A hint is QoS 0: on a loaded machine one may be lost, so the shopper keeps typing (one POST per interval)
        // until two hints arrived. What is held: no two hints closer than the interval — the throttled POST right
        // after the first would be milliseconds from it — and every hint names the call.
        for (var typed = 0; peer.On<ShopperTypingMessage>(topic).Count < 2 && typed < 10; typed++)
        {
            await Task.Delay(HelpCallCoordinator.ShopperTypingInterval, Token);
            using var later = await client.PostAsJsonAsync("/api/help/typing", new { }, Token);
            Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
            await Task.Delay(200, Token); // the hint's way through the broker; the loop's condition reads it
        }

        await Eventually.TrueAsync(() => peer.On<ShopperTypingMessage>(topic).Count >= 2);
        var hints = peer.On<ShopperTypingMessage>(topic).OrderBy(h => h.At).ToList();
        Assert.All(hints.Zip(hints.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= HelpCallCoordinator.ShopperTypingInterval,
            $"two typing hints {(pair.Second.At - pair.First.At).TotalMilliseconds:F0} ms apart"));
        Assert.All(hints, h => Assert.Equal(call.RequestId, h.RequestId));
        var raw = Encoding.UTF8.GetString(peer.Received.First(m => m.Topic == topic).Payload);
        Assert.DoesNotContain("text", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_assigned_agents_typing_reaches_the_screen_and_anyone_elses_is_refused()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        var help = kiosk.Get<HelpCallCoordinator>();
        var counters = kiosk.Get<MessageCounters>();
        var call = help.Start(HelpReason.Screen);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await Eventually.TrueAsync(() => help.View()!.State == HelpState.Assigned);
        var refusedBefore = counters[DropReason.Refused];

        await desk.SendAsync(request, AgentActionType.Typing, "budi");
        await desk.SendAsync(request, AgentActionType.Typing, "ana"); // after budi's on the same topic: the sentinel

        await Eventually.TrueAsync(() => help.View()!.AgentTyping);
        Assert.Equal(refusedBefore + 1, counters[DropReason.Refused]);
        using var client = kiosk.CreateClient();
        using var state = JsonDocument.Parse(await client.GetStringAsync("/api/state", Token));
        Assert.True(state.RootElement.GetProperty("help").GetProperty("agentTyping").GetBoolean());
        Assert.Equal("A", state.RootElement.GetProperty("help").GetProperty("agent").GetProperty("initials").GetString());
    }

    [Fact]
    public async Task A_resolved_call_is_rated_once_and_the_rating_reaches_the_desk_and_the_fleet_counts()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var ratings = await WirePeer.ConnectAsync(broker, "rating-reader", Topics.AllRatings);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        using var client = kiosk.CreateClient();
        var call = kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Screen);
        var request = await desk.WaitForAsync(() => desk.Request(call.RequestId));
        await desk.SendAsync(request, AgentActionType.Claim, "ana");
        await desk.WaitForAsync(() => desk.Request(request.Id) is { State: HelpState.Assigned } r ? r : null);
        await desk.SendAsync(request, AgentActionType.Resolve, "ana", outcome: "answered");
        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().LastEnded is { Ratable: true });

        using (var bad = await client.PostAsJsonAsync("/api/help/rating", new { requestId = call.RequestId, score = 5 }, Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var rated = await client.PostAsJsonAsync("/api/help/rating", new { requestId = call.RequestId, score = 3 }, Token))
        {
            rated.EnsureSuccessStatusCode();
            using var state = JsonDocument.Parse(await rated.Content.ReadAsStringAsync(Token));
            var ended = state.RootElement.GetProperty("lastEnded");
            Assert.Equal(3, ended.GetProperty("rating").GetInt32());
            Assert.False(ended.GetProperty("ratable").GetBoolean());
        }

        using (var again = await client.PostAsJsonAsync("/api/help/rating", new { requestId = call.RequestId, score = 1 }, Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var topic = Topics.Rating(Site, KioskId, call.RequestId);
        await Eventually.TrueAsync(() => ratings.On<HelpRatingMessage>(topic).Count == 1);
        var rating = ratings.On<HelpRatingMessage>(topic)[0];
        Assert.Equal((3, "ana"), (rating.Score, rating.Agent!.Id));
        var metrics = kiosk.Get<MetricsPublisher>().Current();
        Assert.Equal(new RatingCounts(0, 0, 1), metrics.RatingsSinceStart);
        Assert.Null(metrics.Validate());
    }

    [Fact]
    public async Task A_store_staff_acknowledgement_is_applied_once_shown_and_lit_and_bad_ones_are_counted()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var staffDesk = await WirePeer.ConnectAsync(broker, "staff-desk");
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        var help = kiosk.Get<HelpCallCoordinator>();
        var counters = kiosk.Get<MessageCounters>();
        var call = help.Start(HelpReason.Screen);
        var topic = Topics.StaffAck(Site, KioskId, call.RequestId);
        var malformedBefore = counters[DropReason.Malformed];
        StaffAckMessage Ack(string id, string name) => new(Ids.New(), call.RequestId, Site, KioskId, new StaffRef(id, name), DateTimeOffset.UtcNow);

        await staffDesk.PublishAsync(topic, """{"v":1,"id":"x1","requestId":"nope"}"""u8.ToArray());
        await staffDesk.PublishAsync(topic, ProtocolJson.Encode(Ack("dewi", "Dewi")));
        await Eventually.TrueAsync(() => help.View()!.Staff is not null);
        await staffDesk.PublishAsync(topic, ProtocolJson.Encode(Ack("eko", "Eko")));

        await Eventually.TrueAsync(() => counters[DropReason.Refused] >= 1);
        Assert.Equal(malformedBefore + 1, counters[DropReason.Malformed]);
        Assert.Equal("Dewi", help.View()!.Staff!.Name);
        await Eventually.TrueAsync(() => kiosk.Get<StatusLight>().Pattern == LightPattern.StaffComing);
        using var client = kiosk.CreateClient();
        using var state = JsonDocument.Parse(await client.GetStringAsync("/api/state", Token));
        Assert.Equal("Dewi", state.RootElement.GetProperty("help").GetProperty("staff").GetProperty("name").GetString());
    }

    [Fact]
    public async Task With_no_agent_online_the_store_staff_are_alerted_at_the_press()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desks = await WirePeer.ConnectAsync(broker, "desk-and-staff", Topics.Staff(Site));
        var empty = new QueueMessage(DateTimeOffset.UtcNow, [], AgentsOnline: 0, MedianSecondsToClaim: null);
        await desks.PublishAsync(Topics.Queue, ProtocolJson.Encode(empty), retain: true);
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker), "--Help:NoDeskGraceSeconds=15"]);
        var help = kiosk.Get<HelpCallCoordinator>();
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp);
        await Eventually.TrueAsync(() => kiosk.Get<MessageCounters>().Accepted >= 1); // the retained queue arrived
        using var client = kiosk.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, Token);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var requestId = answer.RootElement.GetProperty("help").GetProperty("requestId").GetString()!;

        await Eventually.TrueAsync(() => desks.On<StaffAlertMessage>(Topics.Staff(Site)).Any(a => a.RequestId == requestId));
        Assert.True(answer.RootElement.GetProperty("help").GetProperty("staffCalled").GetBoolean());
        Assert.Equal("no_agents", answer.RootElement.GetProperty("help").GetProperty("estimateSource").GetString());
        Assert.Equal(0, desks.On<StaffAlertMessage>(Topics.Staff(Site)).Single().WaitedSeconds);
        Assert.False(help.View()!.Urgent); // well before the ladder's urgent step
    }

    [Fact]
    public async Task Reset_clears_the_last_calls_end_for_the_next_shopper()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker));
        using var client = kiosk.CreateClient();
        kiosk.Get<HelpCallCoordinator>().Start(HelpReason.Screen);
        kiosk.Get<HelpCallCoordinator>().Cancel();
        using (var before = JsonDocument.Parse(await client.GetStringAsync("/api/state", Token)))
        {
            Assert.Equal(JsonValueKind.Object, before.RootElement.GetProperty("lastEnded").ValueKind);
        }

        using var reset = await client.PostAsJsonAsync("/api/reset", new { }, Token);
        using var after = JsonDocument.Parse(await reset.Content.ReadAsStringAsync(Token));

        Assert.Equal(JsonValueKind.Null, after.RootElement.GetProperty("lastEnded").ValueKind);
    }

    /// <summary>The page's event stream, keeping the version of every state in arrival order.</summary>
    private sealed class StateStream : IAsyncDisposable
    {
        private readonly HttpClient _client;
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private StateStream(Uri address) => _client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };

        public ConcurrentQueue<long> Versions { get; } = new();

        public static async Task<StateStream> OpenAsync(Uri address)
        {
            var stream = new StateStream(address);
            var response = await stream._client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Token);
            response.EnsureSuccessStatusCode();
            stream._run = stream.ReadAsync(response);
            await Eventually.TrueAsync(() => !stream.Versions.IsEmpty);
            return stream;
        }

        private async Task ReadAsync(HttpResponseMessage response)
        {
            using (response)
            {
                try
                {
                    await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
                    await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token))
                    {
                        using var state = JsonDocument.Parse(item.Data);
                        Versions.Enqueue(state.RootElement.GetProperty("version").GetInt64());
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _client.Dispose();
            _stop.Dispose();
        }
    }
}
