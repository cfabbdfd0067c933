namespace KioskAssist.FleetSimulator;

/// <summary>The chance part of a run's mean wait, from ideal-queue runs of fresh seeds.</summary>
/// <param name="RelativeDeviation">Root mean square of (a run's mean wait / Erlang C mean − 1).</param>
/// <param name="WithinTenPercent">Fraction of those runs whose mean wait came within 10% of Erlang C.</param>
public sealed record SamplingSpread(double RelativeDeviation, double WithinTenPercent);
