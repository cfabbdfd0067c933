using System.Globalization;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Logging;

namespace KioskAssist.FleetSimulator;

/// <summary>
/// One run: connect M agents and N kiosks to the broker, measure the protocol's overhead with probes, then raise the
/// seeded Poisson workload on idle kiosks, let the agents claim and resolve, drain, and compare time to claim with
/// Erlang C and with the ideal queue replaying the same sample.
/// </summary>
public sealed class FleetSimulation(SimulationSettings settings, BrokerSettings broker, int? brokerProcessId, ILoggerFactory logging, TextWriter progress)
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbePatience = TimeSpan.FromSeconds(10);
    private readonly SimulationClock _clock = new();
    private readonly RequestLedger _ledger = new();
    private readonly SimulatorCounters _counters = new();
    private readonly ILogger _logger = logging.CreateLogger("KioskAssist.FleetSimulator");

    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } problem)
        {
            throw new SimulationException(problem);
        }

        var theory = new ErlangC(settings.Agents, settings.ArrivalRate, settings.ServiceRate);
        CheckOpenFiles();
        var startedAt = DateTimeOffset.UtcNow;
        var loadAtStart = ProcessFigures.LoadAverage();
        var self = Environment.ProcessId;

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>();
        var agents = new List<SimulatedAgent>();
        var kiosks = new List<SimulatedKiosk>();
        try
        {
            var (simulatorBefore, brokerBefore) = (SettledRss(self), Rss(brokerProcessId));
            for (var a = 1; a <= settings.Agents; a++)
            {
                var agent = new SimulatedAgent(broker, a, _ledger, _counters, _clock, _logger);
                agents.Add(agent);
                running.Add(agent.RunAsync(stopping.Token));
            }

            await Task.WhenAll(agents.Select(a => a.WaitUntilConnectedAsync(stopping.Token))).WaitAsync(ConnectPatience, cancellationToken);
            var connectStart = _clock.Now;
            await ConnectKiosksAsync(kiosks, running, stopping.Token);
            var connectSeconds = _clock.Now - connectStart;
            var (simulatorConnected, brokerConnected) = (SettledRss(self), Rss(brokerProcessId));
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{kiosks.Count} kiosks and {agents.Count} agents connected in {connectSeconds:F1} s"));

            var probes = await ProbeAsync(kiosks, cancellationToken);
            var (loadStart, load) = await RaiseLoadAsync(kiosks, cancellationToken);
            await DrainAsync(load, cancellationToken);

            var measured = load.Where(r => r.Plan!.At >= settings.WarmupSeconds).ToList();
            var ideal = IdealWaits(load, settings.Agents, loadStart);
            return new SimulationResult
            {
                Settings = settings,
                Theory = theory,
                Broker = broker.Describe(),
                LoadRequests = load,
                Measured = new WaitSummary(measured.Where(r => !double.IsNaN(r.TimeToClaim)).Select(r => r.TimeToClaim)),
                Ideal = new WaitSummary(measured.Where(ideal.ContainsKey).Select(r => ideal[r])),
                Probes = new WaitSummary(probes.Where(r => !double.IsNaN(r.TimeToClaim)).Select(r => r.TimeToClaim)),
                ObservedArrivalRate = measured.Count / settings.DurationSeconds,
                SpreadOfMean = IdealQueue.SpreadOfMean(theory, settings.WarmupSeconds, settings.DurationSeconds, runs: 200, seed: settings.Seed + 1000),
                Simulator = new MemoryFigures(simulatorBefore, simulatorConnected, Rss(self), ProcessFigures.StatusKilobytes(self, "VmHWM")),
                Mosquitto = brokerProcessId is { } pid
                    ? new MemoryFigures(brokerBefore, brokerConnected, Rss(pid), ProcessFigures.StatusKilobytes(pid, "VmHWM"))
                    : MemoryFigures.Unknown,
                Counters = _counters,
                ConnectSeconds = connectSeconds,
                OpenFilesLimits = (ProcessFigures.OpenFilesLimit(self), brokerProcessId is { } mosquittoPid ? ProcessFigures.OpenFilesLimit(mosquittoPid) : null),
                LoadAverageAtStart = loadAtStart,
                LoadAverageAtEnd = ProcessFigures.LoadAverage(),
                StartedAt = startedAt,
            };
        }
        finally
        {
            await stopping.CancelAsync();
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var connection in agents.Cast<IAsyncDisposable>().Concat(kiosks))
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Each kiosk's connection holds a socket here and one in Mosquitto: both processes need the file descriptors.</summary>
    private void CheckOpenFiles()
    {
        var needed = settings.Kiosks + settings.Agents + 256;
        foreach (var (pid, who) in new[] { (Environment.ProcessId, "this process"), (brokerProcessId ?? -1, "mosquitto") })
        {
            if (pid > 0 && ProcessFigures.OpenFilesLimit(pid) is { } limit && limit < needed)
            {
                throw new SimulationException(
                    $"{who} may open {limit} files but {settings.Kiosks} kiosks need about {needed}: raise the limit (ulimit -n {needed * 2}) in the shell that starts the simulator (and the broker).");
            }
        }
    }

    private async Task ConnectKiosksAsync(List<SimulatedKiosk> kiosks, List<Task> running, CancellationToken stoppingToken)
    {
        for (var first = 0; first < settings.Kiosks; first += settings.ConnectConcurrency)
        {
            var batch = new List<SimulatedKiosk>();
            for (var k = first; k < Math.Min(settings.Kiosks, first + settings.ConnectConcurrency); k++)
            {
                var site = string.Create(CultureInfo.InvariantCulture, $"sim-{(k / settings.KiosksPerSite) + 1:D2}");
                var kiosk = new SimulatedKiosk(broker, site, string.Create(CultureInfo.InvariantCulture, $"k{k + 1:D4}"), _counters, _clock, _logger);
                batch.Add(kiosk);
                kiosks.Add(kiosk);
                running.Add(kiosk.RunAsync(stoppingToken));
            }

            try
            {
                await Task.WhenAll(batch.Select(k => k.WaitUntilConnectedAsync(stoppingToken))).WaitAsync(ConnectPatience, stoppingToken);
            }
            catch (TimeoutException e)
            {
                throw new SimulationException($"kiosks {first + 1}–{first + batch.Count} did not all connect to {broker.Describe()} within {ConnectPatience.TotalSeconds} s", e);
            }
        }
    }

    /// <summary>One request at a time, every agent free, nothing to hold: what the protocol alone costs.</summary>
    private async Task<List<RequestRecord>> ProbeAsync(List<SimulatedKiosk> kiosks, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed + 1);
        var probes = new List<RequestRecord>();
        for (var i = 0; i < settings.Probes; i++)
        {
            var kiosk = kiosks[random.Next(kiosks.Count)];
            var record = new RequestRecord(KioskAssist.Protocol.Ids.New(), kiosk.Site, kiosk.Id, 0, plan: null);
            _ledger.Add(record);
            probes.Add(record);
            if (!kiosk.TryRaise(record))
            {
                throw new InvalidOperationException($"probe {i + 1}: kiosk {kiosk.Id} still had a call");
            }

            try
            {
                await record.Cleared.Task.WaitAsync(ProbePatience, cancellationToken);
            }
            catch (TimeoutException e)
            {
                throw new SimulationException($"probe {i + 1}: request {record.Id} was not claimed, resolved and cleared within {ProbePatience.TotalSeconds} s", e);
            }
        }

        return probes;
    }

    /// <summary>The seeded workload, each request on a kiosk picked at random among those without an open call.</summary>
    private async Task<(double Start, List<RequestRecord> Load)> RaiseLoadAsync(List<SimulatedKiosk> kiosks, CancellationToken cancellationToken)
    {
        var plan = Workload.Draw(settings.Seed, settings.ArrivalRate, settings.ServiceRate, settings.WarmupSeconds + settings.DurationSeconds);
        var pick = new Random(settings.Seed + 2);
        var load = new List<RequestRecord>(plan.Count);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"load: {plan.Count} requests over {settings.WarmupSeconds + settings.DurationSeconds:F0} s (first {settings.WarmupSeconds:F0} s warm-up)"));
        var start = _clock.Now;
        foreach (var planned in plan)
        {
            await _clock.WaitUntilAsync(start + planned.At, cancellationToken);
            var kiosk = IdleKiosk(kiosks, pick);
            var record = new RequestRecord(KioskAssist.Protocol.Ids.New(), kiosk.Site, kiosk.Id, planned.HandlingSeconds, planned);
            _ledger.Add(record);
            load.Add(record);
            kiosk.TryRaise(record);
        }

        return (start, load);
    }

    private static SimulatedKiosk IdleKiosk(List<SimulatedKiosk> kiosks, Random pick)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var kiosk = kiosks[pick.Next(kiosks.Count)];
            if (kiosk.IsIdle)
            {
                return kiosk;
            }
        }

        return kiosks.FirstOrDefault(k => k.IsIdle)
            ?? throw new SimulationException($"all {kiosks.Count} kiosks have an open call: too few kiosks for this arrival rate");
    }

    private async Task DrainAsync(List<RequestRecord> load, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(load.Select(r => r.Cleared.Task)).WaitAsync(TimeSpan.FromSeconds(settings.DrainSeconds), cancellationToken);
        }
        catch (TimeoutException)
        {
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"drain: {load.Count(r => !r.Cleared.Task.IsCompleted)} requests not cleared after {settings.DrainSeconds:F0} s"));
        }
    }

    /// <summary>The ideal queue's wait for each load request, replaying the publish times (as arrivals) and handling times.</summary>
    private static Dictionary<RequestRecord, double> IdealWaits(List<RequestRecord> load, int agents, double loadStart)
    {
        var published = load.Where(r => !double.IsNaN(r.PublishedAt)).OrderBy(r => r.PublishedAt).ToList();
        var waits = IdealQueue.Waits([.. published.Select(r => (r.PublishedAt - loadStart, r.HandlingSeconds))], agents);
        return published.Select((r, i) => (r, waits[i])).ToDictionary(x => x.r, x => x.Item2);
    }

    private static long? Rss(int? pid) => pid is { } p ? ProcessFigures.StatusKilobytes(p, "VmRSS") : null;

    private static long? SettledRss(int pid)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Rss(pid);
    }
}
