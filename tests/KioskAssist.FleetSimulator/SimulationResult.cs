namespace KioskAssist.FleetSimulator;

/// <summary>What a run measured, and the predictions it is compared with. Times in seconds.</summary>
public sealed record SimulationResult
{
    public required SimulationSettings Settings { get; init; }

    public required ErlangC Theory { get; init; }

    public required string Broker { get; init; }

    /// <summary>Every load request (warm-up included), for the counts.</summary>
    public required IReadOnlyList<RequestRecord> LoadRequests { get; init; }

    /// <summary>Time to claim of the requests that arrived after the warm-up.</summary>
    public required WaitSummary Measured { get; init; }

    /// <summary>The same requests' waits in the ideal M-agent queue, replaying their publish times and handling times.</summary>
    public required WaitSummary Ideal { get; init; }

    /// <summary>Time to claim of the overhead probes (every agent free).</summary>
    public required WaitSummary Probes { get; init; }

    /// <summary>Measured requests per second over the measured window.</summary>
    public required double ObservedArrivalRate { get; init; }

    /// <summary>How far a run this long strays from Erlang C by chance, from ideal-queue runs of fresh seeds.</summary>
    public required SamplingSpread SpreadOfMean { get; init; }

    public required MemoryFigures Simulator { get; init; }

    public required MemoryFigures Mosquitto { get; init; }

    public required SimulatorCounters Counters { get; init; }

    public required double ConnectSeconds { get; init; }

    /// <summary>The soft open-files limits the run was checked against: this process's, then Mosquitto's (null where unknown).</summary>
    public required (long? Simulator, long? Mosquitto) OpenFilesLimits { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public int ClaimedExactlyOnce => LoadRequests.Count(r => r.ClaimsAccepted == 1 && r.AgentWins == 1);

    public int ClaimedMoreThanOnce => LoadRequests.Count(r => r.ClaimsAccepted > 1 || r.AgentWins > 1);

    public int NeverClaimed => LoadRequests.Count(r => r.ClaimsAccepted == 0);

    public int Resolved => LoadRequests.Count(r => r.Resolved.Task.IsCompleted);

    public int Cleared => LoadRequests.Count(r => r.Cleared.Task.IsCompleted);
}
