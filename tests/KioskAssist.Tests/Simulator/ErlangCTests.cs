using KioskAssist.FleetSimulator;

namespace KioskAssist.Tests.Simulator;

/// <summary>The Erlang C arithmetic against values worked by hand and the textbook's closed forms.</summary>
[Trait("Category", "Unit")]
public sealed class ErlangCTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void With_one_agent_the_probability_of_waiting_is_the_utilisation(double rho)
    {
        var queue = new ErlangC(1, rho, 1);

        Assert.Equal(rho, queue.ProbabilityOfWaiting, 12);
        Assert.Equal(rho / (1 - rho), queue.MeanWait, 12); // M/M/1: Wq = ρ / (μ − λ)
    }

    [Fact]
    public void Two_agents_at_half_load_wait_one_time_in_three()
    {
        // M/M/2: C = 2ρ² / (1 + ρ) = 1/3 at ρ = 0.5.
        var queue = new ErlangC(2, 1, 1);

        Assert.Equal(1 / 3.0, queue.ProbabilityOfWaiting, 12);
        Assert.Equal(1 / 3.0, queue.MeanWait, 12); // C / (Mμ − λ) = (1/3) / 1
    }

    [Fact]
    public void Three_agents_carrying_two_erlangs_wait_four_times_in_nine()
    {
        var queue = new ErlangC(3, 2, 1);

        Assert.Equal(4 / 9.0, queue.ProbabilityOfWaiting, 12);
        Assert.Equal(1.0 / 3, queue.Utilisation * 0.5, 12);
    }

    [Fact]
    public void The_call_centre_table_value_for_ten_agents_and_eight_erlangs()
    {
        // Tables give C(10, 8) = 0.4092.
        var queue = new ErlangC(10, 8 / 180.0, 1 / 180.0);

        Assert.Equal(0.4092, queue.ProbabilityOfWaiting, 4);
        Assert.Equal(0.4092 * 180 / 2, queue.MeanWait, 0); // C / (Mμ − λ), μ per 180 s call: ≈ 36.8 s
    }

    [Fact]
    public void Hundreds_of_agents_do_not_overflow()
    {
        var queue = new ErlangC(500, 480, 1);

        Assert.InRange(queue.ProbabilityOfWaiting, 0.2, 0.5);
        Assert.True(double.IsFinite(queue.MeanWait));
    }

    [Fact]
    public void Percentiles_invert_the_tail_and_are_zero_for_requests_that_do_not_wait()
    {
        var queue = new ErlangC(5, 2, 0.5); // ρ = 0.8, C ≈ 0.554

        Assert.Equal(0, queue.WaitPercentile(0.4));
        foreach (var p in new[] { 0.5, 0.9, 0.95, 0.99 })
        {
            var t = queue.WaitPercentile(p);
            Assert.True(t > 0);
            Assert.Equal(1 - p, queue.ProbabilityWaitExceeds(t), 12);
        }

        Assert.Equal(queue.ProbabilityOfWaiting, queue.ProbabilityWaitExceeds(0), 12);
    }

    [Fact]
    public void The_mean_is_the_integral_of_the_tail()
    {
        var queue = new ErlangC(4, 3, 1);
        var integral = 0.0;
        for (var t = 0.0; t < 60; t += 0.001)
        {
            integral += queue.ProbabilityWaitExceeds(t + 0.0005) * 0.001;
        }

        Assert.Equal(queue.MeanWait, integral, 6);
    }

    [Fact]
    public void A_queue_that_never_settles_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErlangC(2, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErlangC(0, 1, 1));
    }
}
