using System.Buffers;
using System.Text;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.Unit;

/// <summary>Typing, rating and staff-acknowledgement payloads and the metrics' rating counts: strict decoding like every message.</summary>
[Trait("Category", "Unit")]
public sealed class NewProtocolMessagesTests
{
    private static bool Decodes<T>(string json, out string? problem) where T : class, IProtocolMessage =>
        ProtocolJson.TryDecode<T>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out _, out problem);

    [Fact]
    public void Each_new_message_round_trips()
    {
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        IProtocolMessage[] messages =
        [
            new ShopperTypingMessage("r1", at),
            new HelpRatingMessage("id1", "r1", "s1", "k1", new AgentRef("ana", "Ana"), 3, at),
            new HelpRatingMessage("id2", "r1", "s1", "k1", null, 1, at),
            new StaffAckMessage("a1", "r1", "s1", "k1", new StaffRef("dewi", "Dewi"), at),
        ];

        foreach (var message in messages)
        {
            var bytes = new ReadOnlySequence<byte>(ProtocolJson.Encode((dynamic)message));
            object? back = message switch
            {
                ShopperTypingMessage => ProtocolJson.TryDecode<ShopperTypingMessage>(bytes, out var t, out _) ? t : null,
                HelpRatingMessage => ProtocolJson.TryDecode<HelpRatingMessage>(bytes, out var r, out _) ? r : null,
                _ => ProtocolJson.TryDecode<StaffAckMessage>(bytes, out var s, out _) ? s : null,
            };
            Assert.Equal(message, back);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_rating_outside_one_to_three_is_refused(int score)
    {
        Assert.False(Decodes<HelpRatingMessage>($$"""{"v":1,"id":"i","requestId":"r","site":"s","kiosk":"k","score":{{score}},"at":"2026-11-28T09:00:00+00:00"}""", out var problem));
        Assert.Contains("score", problem);
    }

    [Theory]
    [InlineData("""{"v":1,"id":"i","requestId":"r","site":"s","kiosk":"k","at":"2026-11-28T09:00:00+00:00"}""")] // no staff
    [InlineData("""{"v":1,"id":"i","requestId":"r","site":"s","kiosk":"k","staff":{"id":"dewi","name":" "},"at":"2026-11-28T09:00:00+00:00"}""")]
    [InlineData("""{"v":1,"id":"i","requestId":"r/x","site":"s","kiosk":"k","staff":{"id":"dewi","name":"Dewi"},"at":"2026-11-28T09:00:00+00:00"}""")]
    [InlineData("""{"v":1,"id":"i","requestId":"r","site":"s","kiosk":"k","staff":{"id":"de wi","name":"Dewi"},"at":"2026-11-28T09:00:00+00:00"}""")]
    [InlineData("""{"v":2,"id":"i","requestId":"r","site":"s","kiosk":"k","staff":{"id":"dewi","name":"Dewi"},"at":"2026-11-28T09:00:00+00:00"}""")]
    public void A_malformed_staff_acknowledgement_is_refused(string json) => Assert.False(Decodes<StaffAckMessage>(json, out _));

    [Fact]
    public void A_typing_hint_needs_a_request_id_and_carries_nothing_else()
    {
        Assert.True(Decodes<ShopperTypingMessage>("""{"v":1,"requestId":"r1","at":"2026-11-28T09:00:00+00:00"}""", out _));
        Assert.False(Decodes<ShopperTypingMessage>("""{"v":1,"at":"2026-11-28T09:00:00+00:00"}""", out _));
        Assert.DoesNotContain("text", Encoding.UTF8.GetString(ProtocolJson.Encode(new ShopperTypingMessage("r1", DateTimeOffset.UnixEpoch))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_typing_action_is_a_wire_name_of_its_own() =>
        Assert.True(Decodes<AgentActionMessage>("""{"v":1,"id":"a","requestId":"r","type":"typing","agent":{"id":"ana","name":"Ana"},"at":"2026-11-28T09:00:00+00:00"}""", out _));

    [Fact]
    public void The_topics_have_one_level_per_id_and_wildcards_for_desks()
    {
        Assert.Equal("ka/v1/typing/s/k/r", Topics.Typing("s", "k", "r"));
        Assert.Equal("ka/v1/ratings/s/k/r", Topics.Rating("s", "k", "r"));
        Assert.Equal("ka/v1/staffack/s/k/r", Topics.StaffAck("s", "k", "r"));
        Assert.Equal("ka/v1/staffack/s/k/+", Topics.StaffAcksFor("s", "k"));
        Assert.Equal(["ka/v1/typing/+/+/+", "ka/v1/ratings/+/+/+", "ka/v1/staffack/+/+/+"], new[] { Topics.AllTyping, Topics.AllRatings, Topics.AllStaffAcks });
        Assert.ThrowsAny<ArgumentException>(() => Topics.StaffAck("s", "k", "r/#"));
    }

    [Fact]
    public void Metrics_rating_counts_are_optional_and_checked()
    {
        var at = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var counts = new MetricsCounts(1, 0, 1, 1);
        var message = new KioskMetricsMessage("s", "k", at, at, 0, "1", "m", "a", counts, DateOnly.FromDateTime(at.UtcDateTime), counts, 3);

        Assert.Null(message.Validate());
        Assert.Null((message with { RatingsSinceStart = new(1, 0, 2), RatingsToday = new(0, 0, 2) }).Validate());
        Assert.NotNull((message with { RatingsSinceStart = new(0, 0, 1), RatingsToday = new(0, 0, 2) }).Validate());
        Assert.NotNull((message with { RatingsSinceStart = new(-1, 0, 0) }).Validate());
        Assert.NotNull((message with { RatingsToday = new(0, 0, 0) }).Validate());
    }
}
