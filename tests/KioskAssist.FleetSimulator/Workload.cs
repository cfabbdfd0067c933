namespace KioskAssist.FleetSimulator;

/// <summary>
/// The seeded workload: Poisson arrivals (exponential gaps, rate λ) and exponential handling times (mean 1/μ), drawn
/// together from one generator, so a seed fixes both — each request carries the time its problem takes, whichever
/// agent gets it.
/// </summary>
public static class Workload
{
    public static IReadOnlyList<PlannedRequest> Draw(int seed, double arrivalRate, double serviceRate, double horizonSeconds)
    {
        var random = new Random(seed);
        var plan = new List<PlannedRequest>();
        var at = 0.0;
        while (true)
        {
            at += Exponential(random, arrivalRate);
            var handling = Exponential(random, serviceRate);
            if (at >= horizonSeconds)
            {
                return plan;
            }

            plan.Add(new PlannedRequest(plan.Count, at, handling));
        }
    }

    private static double Exponential(Random random, double rate) => -Math.Log(1 - random.NextDouble()) / rate;
}
