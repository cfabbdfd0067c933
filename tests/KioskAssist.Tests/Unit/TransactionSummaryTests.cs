using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.Unit;

/// <summary>The optional transaction on a help request (docs/protocol.md) is validated as strictly as the rest.</summary>
[Trait("Category", "Unit")]
public sealed class TransactionSummaryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_request_with_a_good_transaction_round_trips()
    {
        var request = Request(new TransactionSummary("k03", 3, 245_000, "IDR", [new("payment.declined", At, "51")]));

        Assert.True(ProtocolJson.TryDecode<HelpRequestMessage>(new System.Buffers.ReadOnlySequence<byte>(ProtocolJson.Encode(request)), out var decoded, out var problem, out _), problem);
        Assert.Equal("51", decoded!.Transaction!.Events.Single().ReasonCode);
        Assert.Null(Request(null).Validate());
    }

    [Theory]
    [InlineData("k 03", 3, 1L, "IDR", "payment.declined", "51")]
    [InlineData("k03", -1, 1L, "IDR", "payment.declined", "51")]
    [InlineData("k03", 3, -5L, "IDR", "payment.declined", "51")]
    [InlineData("k03", 3, 1L, "idr", "payment.declined", "51")]
    [InlineData("k03", 3, 1L, "IDR", "Payment Declined!", "51")]
    [InlineData("k03", 3, 1L, "IDR", "payment.declined", "4111111111111111")]
    public void A_bad_transaction_makes_the_request_malformed(string lane, int items, long total, string currency, string type, string code)
    {
        Assert.NotNull(Request(new TransactionSummary(lane, items, total, currency, [new(type, At, code)])).Validate());
    }

    [Fact]
    public void More_than_ten_events_is_refused()
    {
        Assert.NotNull(Request(new TransactionSummary("k03", 1, 1, "IDR", [.. Enumerable.Repeat(new TransactionEvent("item.scanned", At), 11)])).Validate());
    }

    private static HelpRequestMessage Request(TransactionSummary? transaction) => new()
    {
        Id = "r1", Site = "s", Kiosk = "k03", Reason = HelpReason.Checkout, Language = "id", CreatedAt = At, UpdatedAt = At, Revision = 1,
        State = HelpState.Open, Transaction = transaction,
    };
}
