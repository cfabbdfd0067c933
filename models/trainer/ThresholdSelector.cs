namespace KioskAssist.Trainer;

/// <summary>
/// Chooses the confidence below which the kiosk says "not sure", from held-out predictions only.
/// </summary>
public static class ThresholdSelector
{
    /// <summary>With no out-of-scope examples to learn from, give up at most this much in-scope accuracy by default.</summary>
    public const double MaxAccuracyLossWithoutOutOfScope = 0.01;

    /// <summary>Default share of held-out out-of-scope questions the threshold must reject.</summary>
    public const double DefaultMinOutOfScopeRecall = 0.8;

    /// <summary>No in-scope budget: the recall floor alone sets the threshold.</summary>
    public const double NoInScopeBudget = 1;

    /// <summary>
    /// With out-of-scope examples: the lowest threshold (so the most questions answered) that rejects at least
    /// <paramref name="minOutOfScopeRecall"/> of them; when none does, the one that maximises in-scope accuracy +
    /// out-of-scope recall. Without: the highest threshold that costs at most <paramref name="maxAccuracyLoss"/> of in-scope
    /// accuracy (0: never reject, for closed-world data such as BANKING77).
    /// </summary>
    /// <remarks>
    /// With <paramref name="maxInScopeCost"/> below 1 the threshold may also cost at most that share of held-out in-scope
    /// questions answered right (against threshold 0); when the floor needs more, the highest threshold within the budget
    /// is taken. So a held-out set on which the <c>oos</c> class falls just short of the floor cannot push the threshold
    /// into the right answers (the checkout model: see MODEL_CARD.md).
    /// A recall floor rather than a best sum because validation sets hold few out-of-scope questions (CLINC150: 100):
    /// a threshold chasing the last of them throws away many right answers, and a floor says plainly what the
    /// operator gets ("rejects 8 in 10 of what it does not know").
    /// </remarks>
    public static float Choose(
        IReadOnlyList<ScoredExample> heldOut,
        double minOutOfScopeRecall = DefaultMinOutOfScopeRecall,
        double maxAccuracyLoss = MaxAccuracyLossWithoutOutOfScope,
        double maxInScopeCost = NoInScopeBudget)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var inScope = heldOut.Where(e => !e.IsOutOfScope).ToArray();
        var outOfScope = heldOut.Where(e => e.IsOutOfScope).ToArray();
        if (inScope.Length == 0)
        {
            throw new InvalidOperationException("Held-out data has no in-scope examples to choose a threshold from.");
        }

        var candidates = heldOut.Select(e => e.Confidence).Append(0f).Distinct().Order().ToArray();
        var baseline = Accuracy(inScope, 0f);
        if (outOfScope.Length > 0)
        {
            // Accuracy only falls as the threshold rises, so the affordable thresholds are the lowest ones.
            var affordable = candidates.Where(t => Accuracy(inScope, t) >= baseline - maxInScopeCost - 1e-9).ToArray();
            foreach (var threshold in affordable)
            {
                if (Recall(outOfScope, threshold) >= minOutOfScopeRecall - 1e-9)
                {
                    return threshold;
                }
            }

            return maxInScopeCost < NoInScopeBudget
                ? affordable.Max()
                : candidates.MaxBy(t => Accuracy(inScope, t) + Recall(outOfScope, t));
        }

        return candidates.Where(t => Accuracy(inScope, t) >= baseline - maxAccuracyLoss - 1e-9).Max();
    }

    /// <summary>In-scope accuracy and out-of-scope recall (NaN without out-of-scope rows) at a threshold.</summary>
    public static (double InScopeAccuracy, double OutOfScopeRecall) Measure(IReadOnlyList<ScoredExample> heldOut, float threshold)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var outOfScope = heldOut.Where(e => e.IsOutOfScope).ToArray();
        return (Accuracy([.. heldOut.Where(e => !e.IsOutOfScope)], threshold), outOfScope.Length == 0 ? double.NaN : Recall(outOfScope, threshold));
    }

    private static double Accuracy(ScoredExample[] inScope, float threshold) =>
        inScope.Count(e => e.AcceptedAt(threshold) && e.BestGuessCorrect) / (double)inScope.Length;

    private static double Recall(ScoredExample[] outOfScope, float threshold) =>
        outOfScope.Count(e => !e.AcceptedAt(threshold)) / (double)outOfScope.Length;
}
