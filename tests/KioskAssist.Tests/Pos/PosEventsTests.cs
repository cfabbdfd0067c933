using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Pos;
using KioskAssist.PosSimulator;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Testing;
using KioskAssist.Tests.HelpCall;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Pos;

/// <summary>
/// The real kiosk host on a real Mosquitto: every POS event type through both ways in (HTTP on loopback, MQTT),
/// the screen's message in the shopper's language, the answer in context, the transaction in the help request,
/// store staff called for an age check, and card data refused and never kept.
/// </summary>
[Trait("Category", "Pos")]
public sealed class PosEventsTests
{
    private const string Site = "pos-site";
    private const string Lane = "lane-3";

    public static TheoryData<string> Ways => ["http", "mqtt"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Every_event_type_is_accepted_and_recorded(string way)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, Site, Lane));
        await using var send = await Sender.ConnectAsync(kiosk, broker, way);
        var counters = kiosk.Get<PosCounters>();
        // Started first (it begins a new transaction), then every other type that does not end it.
        List<string> types = [PosEventTypes.TransactionStarted, .. PosEventTypes.Fields.Keys
            .Where(t => !PosEventTypes.EndsTransaction(t) && t != PosEventTypes.TransactionStarted).Order(StringComparer.Ordinal)];

        foreach (var type in types)
        {
            await send.EventAsync(type, SampleData(type), expect: HttpStatusCode.Accepted);
        }

        await Eventually.TrueAsync(() => counters.Accepted - send.Baseline == types.Count);
        var checkout = kiosk.Get<ShopperConversation>().Snapshot().Checkout!;
        Assert.Equal(types.Count, checkout.Events.Count);
        Assert.Equal(types.Order(StringComparer.Ordinal), checkout.Events.Select(e => e.Type).Order(StringComparer.Ordinal));

        // The transaction ends: its context goes with it.
        await send.EventAsync(PosEventTypes.TransactionCompleted, new { itemCount = 2, total = 81_500L, currency = "IDR", method = "card" }, expect: HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => kiosk.Get<ShopperConversation>().Snapshot().Checkout is null);
        Assert.Equal(0, counters.Rejected);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Card_data_and_fields_outside_the_allow_list_are_refused_counted_and_never_kept(string way)
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, Site, Lane));
        await using var send = await Sender.ConnectAsync(kiosk, broker, way);
        await using var desk = await WirePeer.ConnectAsync(broker, "watcher", "ka/v1/#");

        await send.EventAsync("payment.declined", new { method = "card", reasonCode = "51", amount = 245_000L, currency = "IDR", pan = "4111111111111111" }, HttpStatusCode.BadRequest, "card_data");
        await send.EventAsync("payment.declined", new { method = "card", reasonCode = "51", amount = 245_000L, currency = "IDR", cardholder = "Budi" }, HttpStatusCode.BadRequest, "field_not_allowed");
        await send.RawAsync(Encoding.UTF8.GetBytes("""{"specversion":"1.1","id":"x","source":"/pos/pos-site/lane-3","type":"kioskassist.pos.item.not_found","time":"2026-12-05T10:00:00Z"}"""), HttpStatusCode.BadRequest, "unsupported_version");
        await send.RawAsync(new byte[8192], HttpStatusCode.BadRequest, "too_large");
        // A sentinel: an accepted event after the refused ones, so the test knows the kiosk read them all.
        await send.EventAsync("payment.declined", new { method = "card", reasonCode = "54", amount = 245_000L, currency = "IDR" }, HttpStatusCode.Accepted);
        var counters = kiosk.Get<PosCounters>();
        await Eventually.TrueAsync(() => counters.Accepted - send.Baseline == 1);

        using var client = kiosk.CreateClient();
        var health = JsonDocument.Parse(await client.GetStringAsync("/health", TestContext.Current.CancellationToken)).RootElement.GetProperty("pos");
        Assert.Equal(1, health.GetProperty("rejectedBy").GetProperty("card_data").GetInt64());
        Assert.Equal(1, health.GetProperty("rejectedBy").GetProperty("field_not_allowed").GetInt64());
        Assert.Equal(1, health.GetProperty("rejectedBy").GetProperty("unsupported_version").GetInt64());
        Assert.Equal(1, health.GetProperty("rejectedBy").GetProperty("too_large").GetInt64());

        // A call now carries the transaction: only the accepted event, and no digits of the card anywhere on the wire.
        await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, TestContext.Current.CancellationToken);
        var request = await Eventually.ValueAsync(() => desk.Received.Where(m => m.Topic.StartsWith("ka/v1/requests/", StringComparison.Ordinal) && m.Payload.Length > 0)
            .Select(m => HelpCallFixture.Decode<HelpRequestMessage>(m.Payload)).FirstOrDefault());
        Assert.Equal("54", Assert.Single(request.Transaction!.Events).ReasonCode);
        // (The POS's own publish on its topic is left out: that is what it sent, not what the kiosk forwarded.)
        Assert.DoesNotContain(desk.Received.Where(m => !m.Topic.StartsWith("ka/v1/pos/", StringComparison.Ordinal)), m => Encoding.UTF8.GetString(m.Payload).Contains("4111", StringComparison.Ordinal) || Encoding.UTF8.GetString(m.Payload).Contains("Budi", StringComparison.Ordinal));
        var screen = await client.GetStringAsync("/api/state", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("4111", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_card_shows_the_message_answers_why_in_context_and_the_call_carries_the_transaction()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, Site, Lane));
        await using var send = await Sender.ConnectAsync(kiosk, broker, "http");
        await using var desk = await WirePeer.ConnectAsync(broker, "desk", $"ka/v1/requests/{Site}/{Lane}/+");
        using var client = kiosk.CreateClient();
        await client.PostAsJsonAsync("/api/language", new { language = "id" }, TestContext.Current.CancellationToken);

        foreach (var step in PosScripts.For("declined").Append(PosScripts.Declined("51")))
        {
            await send.EventAsync(step.Type, step.Data, HttpStatusCode.Accepted);
        }

        var checkout = kiosk.Get<ShopperConversation>().Snapshot().Checkout!;
        Assert.Contains("saldo tidak cukup", checkout.Notice!.Message["id"], StringComparison.Ordinal);
        Assert.Equal(PosAction.OfferPerson, checkout.Notice.Action);

        var generic = await Ask(client, "kenapa kartu saya ditolak?");
        Assert.Contains("saldo rekening tidak cukup (kode 51)", generic.GetProperty("text").GetString(), StringComparison.Ordinal);

        await client.PostAsJsonAsync("/api/help", new { reason = "screen" }, TestContext.Current.CancellationToken);
        var request = await Eventually.ValueAsync(() => desk.On<HelpRequestMessage>(desk.Received.FirstOrDefault().Topic ?? "none").FirstOrDefault());
        var tx = request.Transaction!;
        Assert.Equal((Lane, 3, 245_000L, "IDR"), (tx.Lane, tx.ItemCount, tx.Total, tx.Currency));
        Assert.Equal(["51", "51"], tx.Events.Where(e => e.Type == "payment.declined").Select(e => e.ReasonCode));
    }

    [Fact]
    public async Task Without_an_event_the_same_question_gets_the_usual_answer_and_a_cleared_screen_forgets_the_transaction()
    {
        await using var kiosk = await KioskServer.StartAsync($"--Kiosk:Site={Site}", $"--Kiosk:Id={Lane}");
        await using var send = await Sender.ConnectAsync(kiosk, null, "http");
        using var client = kiosk.CreateClient();

        var usual = await Ask(client, "why was my card declined?");
        Assert.DoesNotContain("code 51", usual.GetProperty("text").GetString(), StringComparison.Ordinal);

        await send.EventAsync("payment.declined", new { method = "card", reasonCode = "51", amount = 245_000L, currency = "IDR" }, HttpStatusCode.Accepted);
        Assert.Contains("code 51", (await Ask(client, "why was my card declined?")).GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("code 51", (await Ask(client, "why?")).GetProperty("text").GetString(), StringComparison.Ordinal); // the model cannot place it: the event can

        await client.PostAsJsonAsync("/api/reset", new { }, TestContext.Current.CancellationToken);
        Assert.Null(kiosk.Get<ShopperConversation>().Snapshot().Checkout);
        Assert.DoesNotContain("code 51", (await Ask(client, "why was my card declined?")).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_age_check_calls_store_staff_at_once_and_repeats_within_the_window_are_not_shown_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, Site, Lane));
        await using var send = await Sender.ConnectAsync(kiosk, broker, "mqtt");
        await using var staff = await WirePeer.ConnectAsync(broker, "staff", Topics.Staff(Site));

        await send.EventAsync("age_check.required", new { minimumAge = 21 }, HttpStatusCode.Accepted);

        var alert = await Eventually.ValueAsync(() => staff.On<StaffAlertMessage>(Topics.Staff(Site)).FirstOrDefault());
        Assert.Equal(HelpReason.Checkout, alert.Reason);
        Assert.Equal(Lane, alert.Kiosk);

        var first = kiosk.Get<ShopperConversation>().Snapshot().Checkout!.Notice!;
        await send.EventAsync("age_check.required", new { minimumAge = 21 }, HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => kiosk.Get<PosCounters>().Accepted - send.Baseline == 2);
        Assert.Equal(first.Id, kiosk.Get<ShopperConversation>().Snapshot().Checkout!.Notice!.Id); // not shown again
    }

    private static async Task<JsonElement> Ask(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/ask", new { text, language = "en" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    internal static object? SampleData(string type) => type switch
    {
        "item.scanned" => new { quantity = 1, itemCount = 2, total = 81_500L, currency = "IDR" },
        "weight.mismatch" => new { expectedGrams = 450, measuredGrams = 1_210 },
        "age_check.required" => new { minimumAge = 21 },
        "payment.declined" => new { method = "card", reasonCode = "91", amount = 81_500L, currency = "IDR" },
        "payment.timeout" => new { method = "qris", amount = 81_500L, currency = "IDR" },
        "coupon.rejected" => new { reason = "expired" },
        "lane.locked" => new { reason = "weight" },
        "transaction.completed" => new { itemCount = 2, total = 81_500L, currency = "IDR" },
        _ => null,
    };

    /// <summary>Sends events one way in; over MQTT (no answer) the expected outcome is checked by the test's sentinel.</summary>
    private sealed class Sender : IAsyncDisposable
    {
        private readonly HttpClient? _http;
        private readonly WirePeer? _mqtt;

        private Sender(HttpClient? http, WirePeer? mqtt) => (_http, _mqtt) = (http, mqtt);

        /// <summary>Events the kiosk accepted before the test's own (the MQTT probe).</summary>
        public long Baseline { get; private set; }

        public static async Task<Sender> ConnectAsync(KioskServer kiosk, MosquittoBroker? broker, string way)
        {
            if (way == "http")
            {
                return new Sender(kiosk.CreateClient(), null);
            }

            // The kiosk subscribes after it connects: probe with a harmless transaction.started until one is accepted,
            // so no event of the test's own is published before the kiosk listens.
            var sender = new Sender(null, await WirePeer.ConnectAsync(broker!, $"pos-{Site}-{Lane}"));
            var counters = kiosk.Get<PosCounters>();
            await Eventually.TrueAsync(() =>
            {
                if (counters.Accepted > 0)
                {
                    return true;
                }

                _ = sender._mqtt!.PublishAsync(Topics.PosEvents(Site, Lane), PosEvents.Encode(PosEvents.Create(Site, Lane, PosEventTypes.TransactionStarted, null, "probe")));
                Thread.Sleep(50);
                return false;
            });
            sender.Baseline = counters.Accepted;
            return sender;
        }

        public Task EventAsync(string type, object? data, HttpStatusCode expect, string? reason = null) =>
            RawAsync(PosEvents.Encode(PosEvents.Create(Site, Lane, type, data, "t1")), expect, reason);

        public async Task RawAsync(byte[] body, HttpStatusCode expect, string? reason = null)
        {
            if (_mqtt is not null)
            {
                Assert.True(await _mqtt.PublishAsync(Topics.PosEvents(Site, Lane), body));
                return;
            }

            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
            using var response = await _http!.PostAsync("/pos/events", content, TestContext.Current.CancellationToken);
            Assert.Equal(expect, response.StatusCode);
            if (reason is not null)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            if (_mqtt is not null)
            {
                await _mqtt.DisposeAsync();
            }
        }
    }
}
