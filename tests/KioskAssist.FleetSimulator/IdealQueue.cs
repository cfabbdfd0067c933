namespace KioskAssist.FleetSimulator;

/// <summary>
/// The queue Erlang C describes, computed exactly: M agents, first come first served, no latency at all. Replaying a
/// run's own arrivals and handling times through it separates what the protocol adds from the sampling noise of a
/// finite run (a few minutes of a queue at ρ ≈ 0.8 is a small sample of a slowly mixing process).
/// </summary>
public static class IdealQueue
{
    /// <summary>Each job's wait in seconds, in the order given; jobs must be sorted by arrival.</summary>
    public static double[] Waits(IReadOnlyList<(double Arrival, double Handling)> jobs, int agents)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        var free = new PriorityQueue<int, double>();
        for (var i = 0; i < agents; i++)
        {
            free.Enqueue(i, 0);
        }

        var waits = new double[jobs.Count];
        for (var j = 0; j < jobs.Count; j++)
        {
            free.TryDequeue(out var agent, out var freeAt);
            var start = Math.Max(jobs[j].Arrival, freeAt);
            waits[j] = start - jobs[j].Arrival;
            free.Enqueue(agent, start + jobs[j].Handling);
        }

        return waits;
    }

    /// <summary>
    /// How far a run's mean wait strays from Erlang C by chance alone: over <paramref name="runs"/> fresh Poisson samples
    /// of the same length, warm-up and rates, the root mean square of (mean wait / Erlang C mean − 1), and the fraction of
    /// runs whose mean is within 10% of Erlang C.
    /// </summary>
    public static SamplingSpread SpreadOfMean(ErlangC theory, double warmupSeconds, double measuredSeconds, int runs, int seed)
    {
        ArgumentNullException.ThrowIfNull(theory);
        var squares = 0.0;
        var within = 0;
        for (var r = 0; r < runs; r++)
        {
            var plan = Workload.Draw(seed + r, theory.ArrivalRate, theory.ServiceRate, warmupSeconds + measuredSeconds);
            var waits = Waits([.. plan.Select(p => (p.At, p.HandlingSeconds))], theory.Agents);
            var measured = waits.Where((_, i) => plan[i].At >= warmupSeconds).DefaultIfEmpty(0).Average();
            var relative = (measured / theory.MeanWait) - 1;
            squares += relative * relative;
            within += Math.Abs(relative) <= 0.1 ? 1 : 0;
        }

        return new SamplingSpread(Math.Sqrt(squares / runs), within / (double)runs);
    }
}
