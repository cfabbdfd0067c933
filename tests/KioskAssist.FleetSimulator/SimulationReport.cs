using System.Globalization;

namespace KioskAssist.FleetSimulator;

/// <summary>Writes a run's result as Markdown, ready to paste into docs/benchmarks.md.</summary>
public static class SimulationReport
{
    private static readonly double[] Percentiles = [0.50, 0.90, 0.95, 0.99];

    public static void Write(SimulationResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var s = result.Settings;
        var theory = result.Theory;
        var t = s.WaitThresholdSeconds;
        output.WriteLine(F($"### Fleet simulator — {result.StartedAt:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {result.LoadAverageAtStart} at start, {result.LoadAverageAtEnd} at end"));
        output.WriteLine();
        output.WriteLine(F($"{s.Kiosks} kiosks ({(s.Kiosks + s.KiosksPerSite - 1) / s.KiosksPerSite} sites), M = {s.Agents} agents, λ = {s.ArrivalRate:F3}/s (observed {result.ObservedArrivalRate:F3}/s), handling mean 1/μ = {s.HandlingMeanSeconds:F3} s, ρ = {theory.Utilisation:F3}; warm-up {s.WarmupSeconds:F0} s, measured {s.DurationSeconds:F0} s, seed {s.Seed}. Broker {result.Broker}; all connected in {result.ConnectSeconds:F1} s; open-files limit {Limit(result.OpenFilesLimits.Simulator)} here, {Limit(result.OpenFilesLimits.Mosquitto)} in Mosquitto."));
        output.WriteLine();
        output.WriteLine("| requests | claimed exactly once | claimed twice or more | never claimed | resolved | cleared | losing claims refused | duplicate actions | dropped messages | claims undecided | publish retries |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var c = result.Counters;
        output.WriteLine(F($"| {result.LoadRequests.Count} | {result.ClaimedExactlyOnce} | {result.ClaimedMoreThanOnce} | {result.NeverClaimed} | {result.Resolved} | {result.Cleared} | {c.ClaimsRefused} | {c.DuplicateActions} | {c.MessagesDropped} | {c.ClaimsUndecided} | {c.PublishRetries} |"));
        output.WriteLine();
        output.WriteLine(F($"Time to claim (the kiosk's publish of the request → the kiosk accepting the first claim), seconds, {result.Measured.Count} requests after the warm-up:"));
        output.WriteLine();
        output.WriteLine(F($"| | P(wait > {t:0.###} s) | mean | p50 | p90 | p95 | p99 |"));
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row(output, "measured through Mosquitto", result.Measured.FractionAbove(t), result.Measured.Mean, Percentiles.Select(result.Measured.Percentile));
        Row(output, "Erlang C", theory.ProbabilityWaitExceeds(t), theory.MeanWait, Percentiles.Select(theory.WaitPercentile));
        Relative(output, "measured vs Erlang C", result.Measured.FractionAbove(t), theory.ProbabilityWaitExceeds(t), result.Measured.Mean, theory.MeanWait,
            Percentiles.Select(p => (result.Measured.Percentile(p), theory.WaitPercentile(p))));
        Row(output, "ideal queue, same arrivals and handling times", result.Ideal.FractionAbove(t), result.Ideal.Mean, Percentiles.Select(result.Ideal.Percentile));
        Relative(output, "measured vs ideal queue", result.Measured.FractionAbove(t), result.Ideal.FractionAbove(t), result.Measured.Mean, result.Ideal.Mean,
            Percentiles.Select(p => (result.Measured.Percentile(p), result.Ideal.Percentile(p))));
        output.WriteLine();
        var corrected = result.Measured.Mean - result.Ideal.Mean + theory.MeanWait;
        output.WriteLine(F($"- Erlang C: P(wait) = C = {theory.ProbabilityOfWaiting:F3}, mean wait C/(Mμ−λ) = {theory.MeanWait:F3} s, P(W > t) = C·e^(−{theory.DecayRate:F3}·t); a percentile p ≤ 1 − C is 0."));
        output.WriteLine(F($"- Sampling spread: without any network, the mean wait of a {s.DurationSeconds:F0} s run at these rates strays from Erlang C by ±{result.SpreadOfMean.RelativeDeviation * 100:F0}% (root mean square) and comes within 10% of it in {result.SpreadOfMean.WithinTenPercent * 100:F0}% of runs (200 ideal-queue runs of fresh seeds)."));
        output.WriteLine(F($"- Mean corrected for this run's sample (measured − ideal queue + Erlang C): {corrected:F3} s, {Percent(corrected, theory.MeanWait)} from Erlang C."));
        output.WriteLine(F($"- Protocol overhead, claim round trip with no queue ({result.Probes.Count} probes, every agent free): mean {Ms(result.Probes.Mean)}, p50 {Ms(result.Probes.Percentile(0.5))}, p90 {Ms(result.Probes.Percentile(0.9))}, p99 {Ms(result.Probes.Percentile(0.99))}, max {Ms(result.Probes.Max)}."));
        output.WriteLine();
        output.WriteLine("| resident memory (VmRSS) | before kiosks | all connected | end | peak (VmHWM) | per kiosk |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        MemoryRow(output, "simulator process", result.Simulator, s.Kiosks);
        MemoryRow(output, "mosquitto", result.Mosquitto, s.Kiosks);
    }

    private static void Row(TextWriter output, string name, double above, double mean, IEnumerable<double> percentiles) =>
        output.WriteLine(F($"| {name} | {above:F3} | {mean:F3} | {string.Join(" | ", percentiles.Select(p => p.ToString("F3", CultureInfo.InvariantCulture)))} |"));

    private static void Relative(TextWriter output, string name, double above, double aboveReference, double mean, double meanReference, IEnumerable<(double Value, double Reference)> percentiles) =>
        output.WriteLine(F($"| {name} | {Percent(above, aboveReference)} | {Percent(mean, meanReference)} | {string.Join(" | ", percentiles.Select(p => Percent(p.Value, p.Reference)))} |"));

    /// <summary>Relative difference; a reference of 0 (a percentile of requests that do not wait) has none.</summary>
    private static string Percent(double value, double reference) =>
        reference > 0 ? F($"{(value / reference) - 1:+0.0%;-0.0%;0.0%}") : "—";

    private static void MemoryRow(TextWriter output, string name, MemoryFigures memory, int kiosks) =>
        output.WriteLine(F($"| {name} | {Mb(memory.BeforeKiosks)} | {Mb(memory.Connected)} | {Mb(memory.End)} | {Mb(memory.Peak)} | {(memory.PerKiosk(kiosks) is { } kb ? F($"{kb:F1} kB") : "—")} |"));

    private static string Limit(long? limit) => limit switch { null => "unknown", long.MaxValue => "unlimited", { } l => F($"{l}") };

    private static string Mb(long? kilobytes) => kilobytes is { } kb ? F($"{kb / 1024.0:F1} MB") : "—";

    private static string Ms(double seconds) => F($"{seconds * 1000:F1} ms");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
