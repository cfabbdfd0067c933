using KioskAssist.FleetSimulator;

namespace KioskAssist.Tests.Simulator;

/// <summary>The ideal queue the simulator replays its sample through, and the seeded workload it draws.</summary>
[Trait("Category", "Unit")]
public sealed class IdealQueueTests
{
    [Fact]
    public void Requests_wait_for_the_first_agent_to_come_free_in_arrival_order()
    {
        // Two agents. 0 s: A takes it till 5. 1 s: B till 3. 2 s: waits for B (3), till 4. 2.5 s: waits for the next free (4).
        (double, double)[] jobs = [(0, 5), (1, 2), (2, 1), (2.5, 1)];

        var waits = IdealQueue.Waits(jobs, agents: 2);

        Assert.Equal([0, 0, 1, 1.5], waits);
    }

    [Fact]
    public void A_long_run_of_the_ideal_queue_agrees_with_Erlang_C()
    {
        var theory = new ErlangC(5, 2, 0.5);
        var plan = Workload.Draw(seed: 7, theory.ArrivalRate, theory.ServiceRate, horizonSeconds: 200_000);

        var waits = IdealQueue.Waits([.. plan.Select(p => (p.At, p.HandlingSeconds))], theory.Agents);

        Assert.InRange(waits.Skip(1000).Average() / theory.MeanWait, 0.95, 1.05);
        Assert.InRange(waits.Skip(1000).Count(w => w > 0) / (double)(waits.Length - 1000), theory.ProbabilityOfWaiting - 0.02, theory.ProbabilityOfWaiting + 0.02);
    }

    [Fact]
    public void The_workload_is_fixed_by_its_seed_and_has_the_asked_rates()
    {
        var plan = Workload.Draw(seed: 3, arrivalRate: 2, serviceRate: 0.5, horizonSeconds: 50_000);

        Assert.Equal(plan, Workload.Draw(seed: 3, arrivalRate: 2, serviceRate: 0.5, horizonSeconds: 50_000));
        Assert.NotEqual(plan[0], Workload.Draw(seed: 4, arrivalRate: 2, serviceRate: 0.5, horizonSeconds: 50_000)[0]);
        Assert.InRange(plan.Count / 50_000.0, 1.97, 2.03);
        Assert.InRange(plan.Average(p => p.HandlingSeconds), 1.97, 2.03);
    }

    [Fact]
    public void The_spread_of_a_short_runs_mean_is_large_and_shrinks_with_length()
    {
        var theory = new ErlangC(5, 2, 0.5);

        var fourMinutes = IdealQueue.SpreadOfMean(theory, 30, 240, runs: 100, seed: 1);
        var oneHour = IdealQueue.SpreadOfMean(theory, 30, 3600, runs: 100, seed: 1);

        Assert.InRange(fourMinutes.RelativeDeviation, 0.2, 1.5);
        Assert.True(oneHour.RelativeDeviation < fourMinutes.RelativeDeviation / 2, $"spread {oneHour} over an hour, {fourMinutes} over four minutes");
        Assert.True(oneHour.WithinTenPercent > fourMinutes.WithinTenPercent, $"{oneHour} over an hour, {fourMinutes} over four minutes");
    }
}
