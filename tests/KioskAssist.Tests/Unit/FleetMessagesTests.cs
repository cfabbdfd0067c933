using System.Buffers;
using System.Text;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.Unit;

/// <summary>Strict decoding of the fleet payloads: presence with its new fields, and the metrics report.</summary>
[Trait("Category", "Unit")]
public sealed class FleetMessagesTests
{
    private const string Metrics = """
        {"v":1,"site":"s1","kiosk":"k1","at":"2026-11-28T10:00:00+00:00","startedAt":"2026-11-28T09:00:00+00:00","uptimeSeconds":3600,
         "firmware":"1.0.0","model":"2026.11.28.1","answers":"2026.11.28",
         "sinceStart":{"answered":5,"rejected":2,"helpRequested":2,"handedToPerson":1},
         "day":"2026-11-28","today":{"answered":5,"rejected":2,"helpRequested":2,"handedToPerson":1},"medianSecondsToClaimToday":14.5}
        """;

    public static T Decode<T>(byte[] payload) where T : class, IProtocolMessage =>
        ProtocolJson.TryDecode<T>(new ReadOnlySequence<byte>(payload), out var message, out var problem) ? message : throw new InvalidDataException(problem);

    private static string? Problem<T>(string json) where T : class, IProtocolMessage =>
        ProtocolJson.TryDecode<T>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out _, out var problem) ? null : problem;

    [Fact]
    public void A_metrics_report_decodes()
    {
        var message = Decode<KioskMetricsMessage>(Encoding.UTF8.GetBytes(Metrics));

        Assert.Equal(new MetricsCounts(5, 2, 2, 1), message.Today);
        Assert.Equal(new DateOnly(2026, 11, 28), message.Day);
        Assert.Equal(14.5, message.MedianSecondsToClaimToday);
    }

    [Theory]
    [InlineData("\"v\":1", "\"v\":2", "unsupported version")]
    [InlineData("\"site\":\"s1\"", "\"site\":\"s/1\"", "site is not a valid id")]
    [InlineData("\"model\":\"2026.11.28.1\"", "\"model\":\"\"", "model is empty")]
    [InlineData("\"today\":{\"answered\":5", "\"today\":{\"answered\":6", "today counts more than sinceStart")]
    [InlineData("\"sinceStart\":{\"answered\":5", "\"sinceStart\":{\"answered\":-1", "negative")]
    [InlineData("\"uptimeSeconds\":3600", "\"uptimeSeconds\":\"3600\"", "not a valid")]
    [InlineData("\"startedAt\":\"2026-11-28T09:00:00+00:00\"", "\"startedAt\":\"2026-11-28T11:00:00+00:00\"", "startedAt is after at")]
    [InlineData("\"day\":\"2026-11-28\"", "\"day\":\"yesterday\"", "not a valid")]
    [InlineData(",\"medianSecondsToClaimToday\":14.5", ",\"medianSecondsToClaimToday\":-1", "not a duration")]
    [InlineData("\"today\":{\"answered\":5,\"rejected\":2,\"helpRequested\":2,\"handedToPerson\":1}", "\"today\":null", "The constructor parameter 'Today'")] // refused by strict decoding before Validate
    public void A_metrics_report_that_breaks_a_rule_is_refused(string from, string to, string problem)
    {
        Assert.Contains(from, Metrics, StringComparison.Ordinal);

        Assert.Contains(problem, Problem<KioskMetricsMessage>(Metrics.Replace(from, to, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_median_without_a_claim_today_is_refused() =>
        Assert.Contains("without a claim", Problem<KioskMetricsMessage>(Metrics.Replace("\"handedToPerson\":1},\"median", "\"handedToPerson\":0},\"median", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Presence_carries_the_answers_version_and_online_since()
    {
        var since = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var sent = new PresenceMessage("s1", "k1", "online", "1.0.0", "m1", since.AddMinutes(5)) { Answers = "a1", OnlineSince = since };

        var received = Decode<PresenceMessage>(ProtocolJson.Encode(sent));

        Assert.Equal(sent, received);
    }

    [Fact]
    public void Presence_from_a_kiosk_without_the_new_fields_still_decodes() =>
        Assert.Null(Problem<PresenceMessage>("""{"v":1,"site":"s1","kiosk":"k1","status":"offline","firmware":"0.9","model":"m0","at":"2026-11-28T09:00:00+00:00"}"""));

    [Theory]
    [InlineData("\"status\":\"offline\",\"onlineSince\":\"2026-11-28T08:00:00+00:00\"", "only for online")]
    [InlineData("\"status\":\"online\",\"onlineSince\":\"2026-11-28T10:00:00+00:00\"", "onlineSince is after at")]
    [InlineData("\"status\":\"online\",\"answers\":\"\"", "answers is empty")]
    public void Presence_with_inconsistent_new_fields_is_refused(string fields, string problem) =>
        Assert.Contains(
            problem,
            Problem<PresenceMessage>($$"""{"v":1,"site":"s1","kiosk":"k1",{{fields}},"firmware":"1","model":"m","at":"2026-11-28T09:00:00+00:00"}"""),
            StringComparison.Ordinal);
}
