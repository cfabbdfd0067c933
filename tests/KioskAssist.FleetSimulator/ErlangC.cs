namespace KioskAssist.FleetSimulator;

/// <summary>
/// The M/M/M queue's waiting time (Erlang C): Poisson arrivals at <c>λ</c> per second, <c>M</c> agents, exponential
/// handling with mean <c>1/μ</c> seconds, first come first served. All times in seconds.
/// </summary>
public sealed class ErlangC
{
    public ErlangC(int agents, double arrivalRate, double serviceRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(arrivalRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(serviceRate);
        if (arrivalRate >= agents * serviceRate)
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), $"λ = {arrivalRate} must be below M·μ = {agents * serviceRate}: the queue would grow without end.");
        }

        (Agents, ArrivalRate, ServiceRate) = (agents, arrivalRate, serviceRate);
        var traffic = arrivalRate / serviceRate;

        // Erlang B by its recursion (stable for any M), then C from B: no factorials, no overflow.
        var blocking = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            blocking = traffic * blocking / (k + (traffic * blocking));
        }

        ProbabilityOfWaiting = agents * blocking / (agents - (traffic * (1 - blocking)));
    }

    public int Agents { get; }

    public double ArrivalRate { get; }

    public double ServiceRate { get; }

    /// <summary>ρ = λ / (M·μ).</summary>
    public double Utilisation => ArrivalRate / (Agents * ServiceRate);

    /// <summary>C: the probability that a request finds every agent busy.</summary>
    public double ProbabilityOfWaiting { get; }

    /// <summary>M·μ − λ: the rate at which a waiting request's remaining wait decays.</summary>
    public double DecayRate => (Agents * ServiceRate) - ArrivalRate;

    /// <summary>E[W] = C / (M·μ − λ), seconds.</summary>
    public double MeanWait => ProbabilityOfWaiting / DecayRate;

    /// <summary>P(W &gt; t) = C·e^{−(M·μ−λ)·t}.</summary>
    public double ProbabilityWaitExceeds(double seconds) =>
        seconds < 0 ? 1 : ProbabilityOfWaiting * Math.Exp(-DecayRate * seconds);

    /// <summary>The p-quantile of the wait: 0 while p ≤ 1 − C (those requests do not wait), else ln(C / (1 − p)) / (M·μ − λ).</summary>
    public double WaitPercentile(double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        return p <= 1 - ProbabilityOfWaiting ? 0 : Math.Log(ProbabilityOfWaiting / (1 - p)) / DecayRate;
    }
}
