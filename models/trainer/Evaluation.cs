using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// Scores predictions against labels the way the benchmarks do: in-scope accuracy counts a rejected in-scope
/// question as wrong; out-of-scope recall is the share of out-of-scope questions rejected.
/// </summary>
public sealed record Evaluation
{
    public required int InScopeCount { get; init; }

    public required int OutOfScopeCount { get; init; }

    /// <summary>Share of in-scope questions answered with the right intent, 0–1.</summary>
    public required double InScopeAccuracy { get; init; }

    /// <summary>Share of out-of-scope questions rejected, 0–1 (NaN when there are none).</summary>
    public required double OutOfScopeRecall { get; init; }

    /// <summary>Share of rejections that were really out of scope, 0–1 (NaN when nothing was rejected).</summary>
    public required double OutOfScopePrecision { get; init; }

    public required IReadOnlyList<IntentMetrics> PerIntent { get; init; }

    public required IReadOnlyList<ConfusedPair> MostConfused { get; init; }

    public static Evaluation Score(IReadOnlyList<string> truth, IReadOnlyList<string> predicted, int topConfusions = 10)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException("One prediction is needed per label.", nameof(predicted));
        }

        const string oos = IntentModel.OutOfScope;
        var pairs = truth.Zip(predicted).ToArray();
        var inScope = pairs.Where(p => p.First != oos).ToArray();
        var outOfScope = pairs.Where(p => p.First == oos).ToArray();
        var rejected = pairs.Where(p => p.Second == oos).ToArray();

        var labels = truth.Concat(predicted).Distinct().Order(StringComparer.Ordinal);
        var perIntent = labels.Select(label =>
        {
            var truePositives = pairs.Count(p => p.First == label && p.Second == label);
            var support = pairs.Count(p => p.First == label);
            var predictedCount = pairs.Count(p => p.Second == label);
            return new IntentMetrics(label, support, Ratio(truePositives, predictedCount), Ratio(truePositives, support));
        }).ToArray();

        var confused = pairs
            .Where(p => p.First != p.Second)
            .GroupBy(p => (p.First, p.Second))
            .Select(g => new ConfusedPair(g.Key.First, g.Key.Second, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Truth, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .Take(topConfusions)
            .ToArray();

        return new Evaluation
        {
            InScopeCount = inScope.Length,
            OutOfScopeCount = outOfScope.Length,
            InScopeAccuracy = Ratio(inScope.Count(p => p.First == p.Second), inScope.Length),
            OutOfScopeRecall = Ratio(outOfScope.Count(p => p.Second == oos), outOfScope.Length),
            OutOfScopePrecision = Ratio(rejected.Count(p => p.First == oos), rejected.Length),
            PerIntent = perIntent,
            MostConfused = confused,
        };
    }

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : part / (double)whole;
}
