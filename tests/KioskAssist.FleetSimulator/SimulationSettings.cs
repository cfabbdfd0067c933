namespace KioskAssist.FleetSimulator;

/// <summary>One run's parameters. <see cref="Validate"/> names the command-line option that is wrong.</summary>
public sealed record SimulationSettings
{
    public int Kiosks { get; init; } = 2000;

    /// <summary>Kiosks per site id (<c>sim-01</c>, <c>sim-02</c>…); kiosk ids are <c>k0001</c>….</summary>
    public int KiosksPerSite { get; init; } = 100;

    public int Agents { get; init; } = 5;

    /// <summary>λ: help requests per second, the whole fleet together.</summary>
    public double ArrivalRate { get; init; } = 2.0;

    /// <summary>1/μ: the mean time an agent holds a request, seconds.</summary>
    public double HandlingMeanSeconds { get; init; } = 2.0;

    /// <summary>Requests arriving in the first seconds of the load are served but left out of the statistics.</summary>
    public double WarmupSeconds { get; init; } = 30;

    /// <summary>Seconds of load after the warm-up; arrivals stop after it and the queue drains.</summary>
    public double DurationSeconds { get; init; } = 240;

    public int Seed { get; init; } = 1;

    /// <summary>Requests raised one at a time with every agent free, before the load: the protocol's own overhead.</summary>
    public int Probes { get; init; } = 100;

    /// <summary>t of the P(W &gt; t) row: long enough that the protocol's overhead alone never exceeds it.</summary>
    public double WaitThresholdSeconds { get; init; } = 0.1;

    /// <summary>Kiosks connecting at once at start.</summary>
    public int ConnectConcurrency { get; init; } = 100;

    /// <summary>How long to wait, after the last arrival, for every request to be resolved and cleared.</summary>
    public double DrainSeconds { get; init; } = 120;

    public double ServiceRate => 1 / HandlingMeanSeconds;

    public string? Validate() =>
        Kiosks < 1 ? "--kiosks must be at least 1"
        : KiosksPerSite < 1 ? "--kiosks-per-site must be at least 1"
        : Agents < 1 ? "--agents must be at least 1"
        : !(HandlingMeanSeconds > 0) ? "--handling-mean must be positive"
        : !(ArrivalRate > 0) ? "--arrival-rate must be positive"
        : ArrivalRate >= Agents * ServiceRate ? $"--arrival-rate {ArrivalRate} must be below --agents × 1/--handling-mean = {Agents * ServiceRate}: the queue would never settle"
        : !(WarmupSeconds >= 0) ? "--warmup must not be negative"
        : !(DurationSeconds > 0) ? "--duration must be positive"
        : Probes < 0 ? "--probes must not be negative"
        : !(WaitThresholdSeconds >= 0) ? "--wait-threshold must not be negative"
        : ConnectConcurrency < 1 ? "--connect-concurrency must be at least 1"
        : !(DrainSeconds > 0) ? "--drain must be positive"
        : null;
}
