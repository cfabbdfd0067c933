using System.Text;
using KioskAssist.FirmwareHost.Pos;
using KioskAssist.PosSimulator;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Unit;

/// <summary>What a POS may send (docs/pos.md): every type with its allow-listed data, and each way an event is refused.</summary>
[Trait("Category", "Unit")]
public sealed class PosEventReaderTests
{
    private readonly PosEventReader _reader = new("s1", "k1");

    public static TheoryData<string, string?> EveryType => new()
    {
        { "transaction.started", null },
        { "transaction.completed", """{"itemCount":3,"total":245000,"currency":"IDR","method":"card"}""" },
        { "transaction.cancelled", null },
        { "item.scanned", """{"quantity":1,"itemCount":2,"total":81500,"currency":"IDR"}""" },
        { "item.not_found", null },
        { "bagging.unexpected_item", null },
        { "weight.mismatch", """{"expectedGrams":450,"measuredGrams":1210}""" },
        { "age_check.required", """{"minimumAge":21}""" },
        { "payment.declined", """{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR"}""" },
        { "payment.timeout", """{"method":"qris","amount":245000,"currency":"IDR"}""" },
        { "coupon.rejected", """{"reason":"expired"}""" },
        { "lane.locked", """{"reason":"weight"}""" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Reads_every_documented_type(string type, string? data)
    {
        var result = _reader.Read(Event(type, data));

        Assert.Null(result.Problem);
        Assert.Equal(type, result.Event!.Type);
        Assert.Equal("k1", result.Event.Lane);
    }

    [Fact]
    public void Reads_the_declined_payments_fields()
    {
        var e = _reader.Read(Event("payment.declined", """{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR"}""")).Event!;

        Assert.Equal(new PosEventData(Method: "card", ReasonCode: "51", Amount: 245_000, Currency: "IDR"), e.Data);
        Assert.Equal("t1", e.TransactionId);
    }

    [Theory]
    [InlineData("""{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR","pan":"x"}""", PosRejection.FieldNotAllowed)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":245000}""", PosRejection.FieldNotAllowed)] // currency required
    [InlineData("""{"method":"bitcoin","reasonCode":"51","amount":245000,"currency":"IDR"}""", PosRejection.FieldNotAllowed)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":-1,"currency":"IDR"}""", PosRejection.FieldNotAllowed)]
    [InlineData("""{"method":"card","reasonCode":"5 1","amount":245000,"currency":"IDR"}""", PosRejection.FieldNotAllowed)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR","card":"4111111111111111"}""", PosRejection.CardData)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":4111111111111111,"currency":"IDR"}""", PosRejection.CardData)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR","note":"4111 1111 1111 1111"}""", PosRejection.CardData)]
    [InlineData("""{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR","t":";4111111111111112=29121011000000000000?"}""", PosRejection.CardData)]
    public void Refuses_fields_outside_the_allow_list_and_card_data(string data, PosRejection why)
    {
        Assert.Equal(why, _reader.Read(Event("payment.declined", data)).Rejection);
    }

    [Fact]
    public void Card_data_is_refused_wherever_it_is_and_the_problem_never_quotes_it()
    {
        string[] bodies =
        [
            Text("payment.declined", """{"method":"card","reasonCode":"51","amount":245000,"currency":"IDR"}""", id: "4111-1111-1111-1111"),
            Text("item.not_found", null, subject: "5500005555555559"),
            Text("item.not_found", null).Replace("\"specversion\"", "\"pan\":\"378282246310005\",\"specversion\"", StringComparison.Ordinal),
        ];

        foreach (var body in bodies)
        {
            var result = _reader.Read(Encoding.UTF8.GetBytes(body));
            Assert.Equal(PosRejection.CardData, result.Rejection);
            Assert.DoesNotMatch(@"\d{4}", result.Problem!);
        }
    }

    [Fact]
    public void An_ordinary_event_with_long_non_card_numbers_is_read()
    {
        // 13 digits failing Luhn (an order number) and a transaction id with digits: not card data.
        Assert.False(PosEventReaderTests.IsLuhn("4111111111112"));
        Assert.NotNull(_reader.Read(Encoding.UTF8.GetBytes(Text("item.not_found", null, subject: "order-4111111111112"))).Event);
    }

    [Theory]
    [InlineData("""{"specversion":"2.0","id":"a","source":"/pos/s1/k1","type":"kioskassist.pos.item.not_found","time":"2026-12-05T10:00:00Z"}""", PosRejection.UnsupportedVersion)]
    [InlineData("""{"specversion":"1.0","id":"a","source":"/pos/s1/k1","type":"kioskassist.pos.item.exploded","time":"2026-12-05T10:00:00Z"}""", PosRejection.UnknownType)]
    [InlineData("""{"specversion":"1.0","id":"a","source":"/pos/s1/k9","type":"kioskassist.pos.item.not_found","time":"2026-12-05T10:00:00Z"}""", PosRejection.WrongLane)]
    [InlineData("""{"specversion":"1.0","id":"a","source":"/pos/s1/k1","type":"kioskassist.pos.item.not_found"}""", PosRejection.Malformed)]
    [InlineData("""{"specversion":"1.0","source":"/pos/s1/k1","type":"kioskassist.pos.item.not_found","time":"2026-12-05T10:00:00Z"}""", PosRejection.Malformed)]
    [InlineData("""{"specversion":"1.0","id":"a","source":"/pos/s1/k1","type":"kioskassist.pos.item.not_found","time":"2026-12-05T10:00:00Z","traceparent":"x"}""", PosRejection.FieldNotAllowed)]
    [InlineData("""[1,2,3]""", PosRejection.Malformed)]
    [InlineData("""{"specversion":""", PosRejection.Malformed)]
    [InlineData("""not json at all""", PosRejection.Malformed)]
    public void Refuses_malformed_unknown_future_and_foreign_events(string body, PosRejection why)
    {
        Assert.Equal(why, _reader.Read(Encoding.UTF8.GetBytes(body)).Rejection);
    }

    [Fact]
    public void Events_the_simulator_builds_are_read()
    {
        var bytes = PosEvents.Encode(PosEvents.Create("s1", "k1", "payment.declined", new { method = "card", reasonCode = "91", amount = 10_000L, currency = "IDR" }, "t9"));

        Assert.Equal("91", _reader.Read(bytes).Event!.Data.ReasonCode);
    }

    [Fact]
    public void The_shipped_catalogue_loads_in_both_languages_and_has_a_row_per_iso_8583_code_and_a_generic_one()
    {
        var catalogue = PosCatalogue.Load(Path.Combine(RepoPaths.Root, "models", "checkout", "pos-events.json"), ["en", "id"]);

        foreach (var code in new[] { "51", "54", "55", "75", "91" })
        {
            Assert.Equal(code, catalogue.For("payment.declined", code)!.ReasonCode);
        }

        Assert.Null(catalogue.For("payment.declined", "05")!.ReasonCode); // any other code: the generic answer
        Assert.Equal(PosAction.CallStaff, catalogue.For("age_check.required", null)!.Action);
        Assert.Equal(PosAction.CallStaff, catalogue.For("lane.locked", null)!.Action);
        Assert.Contains("saldo tidak cukup", catalogue.For("payment.declined", "51")!.Message["id"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_rate_limiter_lets_the_burst_through_then_the_average()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new PosRateLimiter(new PosOptions { MaxEventsPerSecond = 10, BurstEvents = 5 }, time);

        Assert.Equal(5, Enumerable.Range(0, 50).Count(_ => limiter.TryTake("http")));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, Enumerable.Range(0, 50).Count(_ => limiter.TryTake("http"))); // refilled to the burst, not beyond
        Assert.True(limiter.TryTake("mqtt")); // another way in has its own bucket
    }

    internal static bool IsLuhn(string digits) => KioskAssist.FirmwareHost.Privacy.PersonalDataMask.IsCardNumber(digits);

    private static byte[] Event(string type, string? data) => Encoding.UTF8.GetBytes(Text(type, data));

    private static string Text(string type, string? data, string id = "e1", string subject = "t1") =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/pos/s1/k1","type":"kioskassist.pos.{{type}}","time":"2026-12-05T10:00:00Z","subject":"{{subject}}"{{(data is null ? "" : $",\"datacontenttype\":\"application/json\",\"data\":{data}")}}}""";
}
