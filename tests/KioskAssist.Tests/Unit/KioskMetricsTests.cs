using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Unit;

/// <summary>The kiosk's fleet counts: medians, and the UTC day rolling over under a fake clock.</summary>
[Trait("Category", "Unit")]
public sealed class KioskMetricsTests
{
    private static readonly DateTimeOffset LateEvening = new(2026, 11, 28, 23, 58, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 30, 10, 20 }, 20)]
    [InlineData(new double[] { 40, 10, 20, 30 }, 25)]
    [InlineData(new double[] { 5, 5, 100, 5 }, 5)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, KioskMetrics.Median(values));

    [Fact]
    public void No_claims_have_no_median() => Assert.Null(KioskMetrics.Median([]));

    [Fact]
    public void Counts_go_to_since_start_and_to_today()
    {
        var time = new FakeTimeProvider(LateEvening);
        var metrics = new KioskMetrics(time);

        metrics.QuestionAnswered();
        metrics.QuestionAnswered();
        metrics.QuestionRejected();
        metrics.HelpRequested();
        metrics.HandedToPerson(TimeSpan.FromSeconds(12));
        time.Advance(TimeSpan.FromSeconds(30));
        var snapshot = metrics.Snapshot();

        Assert.Equal(new MetricsCounts(2, 1, 1, 1), snapshot.SinceStart);
        Assert.Equal(new MetricsCounts(2, 1, 1, 1), snapshot.Today);
        Assert.Equal(new DateOnly(2026, 11, 28), snapshot.Day);
        Assert.Equal(12, snapshot.MedianSecondsToClaimToday);
        Assert.Equal(LateEvening, snapshot.StartedAt);
        Assert.Equal(LateEvening.AddSeconds(30), snapshot.At);
        Assert.Equal(30, snapshot.UptimeSeconds);
    }

    [Fact]
    public void At_midnight_UTC_today_starts_from_zero_and_since_start_keeps_counting()
    {
        var time = new FakeTimeProvider(LateEvening);
        var metrics = new KioskMetrics(time);
        metrics.QuestionAnswered();
        metrics.HandedToPerson(TimeSpan.FromSeconds(40));
        metrics.HandedToPerson(TimeSpan.FromSeconds(50));

        time.Advance(TimeSpan.FromMinutes(3)); // 00:01 on the 29th
        var justAfterMidnight = metrics.Snapshot();
        metrics.QuestionRejected();
        metrics.HandedToPerson(TimeSpan.FromSeconds(8));
        var later = metrics.Snapshot();

        Assert.Equal(new DateOnly(2026, 11, 29), justAfterMidnight.Day);
        Assert.Equal(MetricsCounts.Zero, justAfterMidnight.Today);
        Assert.Null(justAfterMidnight.MedianSecondsToClaimToday); // yesterday's claims are not today's
        Assert.Equal(new MetricsCounts(1, 0, 0, 2), justAfterMidnight.SinceStart);
        Assert.Equal(new MetricsCounts(0, 1, 0, 1), later.Today);
        Assert.Equal(new MetricsCounts(1, 1, 0, 3), later.SinceStart);
        Assert.Equal(8, later.MedianSecondsToClaimToday);
    }

    [Fact]
    public void The_day_follows_UTC_not_the_local_offset()
    {
        // 23:30 in Jakarta (UTC+7) is 16:30 UTC the same day; 01:00 Jakarta the next day is still 18:00 UTC.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 30, 0, TimeSpan.FromHours(7)));
        var metrics = new KioskMetrics(time);
        metrics.QuestionAnswered();

        time.Advance(TimeSpan.FromMinutes(90));
        var snapshot = metrics.Snapshot();

        Assert.Equal(new DateOnly(2026, 11, 28), snapshot.Day);
        Assert.Equal(1, snapshot.Today.Answered);
    }

    [Fact]
    public void A_claim_time_below_zero_counts_as_zero()
    {
        var metrics = new KioskMetrics(new FakeTimeProvider(LateEvening));

        metrics.HandedToPerson(TimeSpan.FromSeconds(-3)); // the clock stepped back between request and claim

        Assert.Equal(0, metrics.Snapshot().MedianSecondsToClaimToday);
    }

    [Fact]
    public void The_published_message_passes_its_own_strict_decoding()
    {
        var time = new FakeTimeProvider(LateEvening);
        var metrics = new KioskMetrics(time);
        metrics.QuestionAnswered();
        metrics.HandedToPerson(TimeSpan.FromSeconds(9));
        var s = metrics.Snapshot();
        var message = new KioskMetricsMessage("s1", "k1", s.At, s.StartedAt, s.UptimeSeconds, "1.0.0", "2026.11.28.1", "2026.11.28", s.SinceStart, s.Day, s.Today, s.MedianSecondsToClaimToday);

        var decoded = FleetMessagesTests.Decode<KioskMetricsMessage>(Protocol.ProtocolJson.Encode(message));

        Assert.Equal(message, decoded);
    }
}
