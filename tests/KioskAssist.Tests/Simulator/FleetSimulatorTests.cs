using KioskAssist.FleetSimulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Simulator;

/// <summary>The fleet simulator run small against a real Mosquitto: every request claimed exactly once, resolved and cleared.</summary>
[Trait("Category", "Integration")]
public sealed class FleetSimulatorTests
{
    private static readonly SimulationSettings Small = new()
    {
        Kiosks = 50,
        KiosksPerSite = 20,
        Agents = 3,
        ArrivalRate = 6,
        HandlingMeanSeconds = 0.3, // ρ = 0.6
        WarmupSeconds = 1,
        DurationSeconds = 5,
        Probes = 10,
        Seed = 5,
        DrainSeconds = 30,
    };

    [Fact]
    public async Task Fifty_kiosks_and_three_agents_claim_every_request_exactly_once()
    {
        await using var broker = await MosquittoBroker.StartAsync(tcpNoDelay: true, FleetSimulatorCli.BrokerConfiguration);
        var planned = Workload.Draw(Small.Seed, Small.ArrivalRate, Small.ServiceRate, Small.WarmupSeconds + Small.DurationSeconds);

        var result = await FleetSimulatorCli.RunAsync(Small, broker.Host, broker.Port, broker.ProcessId, NullLoggerFactory.Instance, TextWriter.Null, TestContext.Current.CancellationToken);

        var sent = result.LoadRequests.Count;
        Assert.Equal(planned.Count, sent);
        Assert.True(sent > 20, $"only {sent} requests");
        Assert.Equal(sent, result.ClaimedExactlyOnce);
        Assert.Equal(0, result.ClaimedMoreThanOnce);
        Assert.Equal(sent, result.Resolved);
        Assert.Equal(sent, result.Cleared);
        Assert.Equal(0, result.Counters.MessagesDropped);
        Assert.Equal(0, result.Counters.ClaimsUndecided);
        Assert.Equal(planned.Count(p => p.At >= Small.WarmupSeconds), result.Measured.Count);
        Assert.Equal(result.Measured.Count, result.Ideal.Count);
        Assert.Equal(Small.Probes, result.Probes.Count);
        Assert.All(result.LoadRequests, r => Assert.True(r.TimeToClaim >= 0));
        // The protocol only adds to the ideal queue's waits: claims cannot come before an agent is free.
        Assert.True(result.Measured.Mean >= result.Ideal.Mean * 0.9, $"measured {result.Measured} < ideal {result.Ideal}");
        Assert.True(result.Probes.Percentile(0.5) < 0.1, $"no-queue claim round trip {result.Probes}");
        Assert.NotNull(result.Mosquitto.PerKiosk(Small.Kiosks));
        Assert.NotNull(result.Simulator.PerKiosk(Small.Kiosks));
    }

    [Fact]
    public async Task The_command_prints_the_comparison_with_Erlang_C()
    {
        using var output = new StringWriter();
        string[] args = ["--kiosks", "30", "--agents", "2", "--arrival-rate", "4", "--handling-mean", "0.3", "--warmup", "1", "--duration", "3", "--probes", "5"];

        var exit = await FleetSimulatorCli.Create(output, TextWriter.Null).Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var report = output.ToString();
        Assert.Contains("| measured through Mosquitto |", report, StringComparison.Ordinal);
        Assert.Contains("| Erlang C |", report, StringComparison.Ordinal);
        Assert.Contains("C = 0.", report, StringComparison.Ordinal);
        Assert.Contains("| mosquitto |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("| — | — |", report.Split('\n').Single(l => l.StartsWith("| mosquitto", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_the_agents_cannot_carry_is_refused_naming_the_option()
    {
        using var error = new StringWriter();

        var exit = await FleetSimulatorCli.Create(TextWriter.Null, error).Parse(["--agents", "2", "--arrival-rate", "1", "--handling-mean", "2"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains("--arrival-rate", error.ToString(), StringComparison.Ordinal);
    }
}
