using KioskAssist.FirmwareHost.Fleet;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Unit;

/// <summary>Rating counts in the fleet metrics (since start and per UTC day), the estimate's arithmetic, and the new option rule.</summary>
[Trait("Category", "Unit")]
public sealed class RatingMetricsTests
{
    [Fact]
    public void Ratings_count_since_start_and_today_and_today_starts_again_at_midnight()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero));
        var metrics = new KioskMetrics(time);
        metrics.Rated(3);
        metrics.Rated(1);

        time.Advance(TimeSpan.FromMinutes(2));
        metrics.Rated(2);

        var snapshot = metrics.Snapshot();
        Assert.Equal(new RatingCounts(1, 1, 1), snapshot.RatingsSinceStart);
        Assert.Equal(new RatingCounts(0, 1, 0), snapshot.RatingsToday);
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.Rated(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.Rated(4));
    }

    [Theory]
    [InlineData(0, 120, 120, 0)]
    [InlineData(100, 120, 20, 0)]
    [InlineData(106, 120, 134, 1)] // 14 s left is under the floor: one more expected wait
    [InlineData(400, 120, 80, 3)]
    public void The_estimate_counts_down_and_extends_before_it_reaches_zero(double waited, double fallback, double remaining, int round)
    {
        var estimate = HelpEstimate.For(null, null, fallback, TimeSpan.FromSeconds(waited), DateTimeOffset.UnixEpoch);

        Assert.Equal((remaining, round, EstimateSource.Default), (estimate.Seconds, estimate.Round, estimate.Source));
    }

    [Fact]
    public void The_no_desk_grace_must_come_before_the_urgent_step()
    {
        var rules = new HelpOptionsRules();

        var result = rules.Validate(null, new HelpOptions { NoDeskGraceSeconds = 20, UrgentAfterSeconds = 20 });

        Assert.True(result.Failed);
        Assert.Contains("Help:NoDeskGraceSeconds", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(rules.Validate(null, new HelpOptions()).Succeeded);
    }
}
