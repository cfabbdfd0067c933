namespace KioskAssist.Trainer;

/// <summary>
/// Chooses the confidence below which the kiosk says "not sure", from held-out predictions only.
/// </summary>
public static class ThresholdSelector
{
    /// <summary>With no out-of-scope examples to learn from, give up at most this much in-scope accuracy.</summary>
    public const double MaxAccuracyLossWithoutOutOfScope = 0.02;

    /// <summary>
    /// What one out-of-scope question caught is worth against one in-scope question answered right, per share.
    /// Below 1 because validation sets hold few out-of-scope questions (CLINC150: 100), so a threshold chasing the last
    /// of them throws away many right answers on the test set.
    /// </summary>
    public const double DefaultOutOfScopeWeight = 0.5;

    /// <summary>
    /// With out-of-scope examples: the threshold that maximises in-scope accuracy + weight × out-of-scope recall (both 0–1),
    /// ties going to the lower threshold (answer more). Without: the highest threshold that costs at most
    /// <see cref="MaxAccuracyLossWithoutOutOfScope"/> of in-scope accuracy.
    /// </summary>
    public static float Choose(IReadOnlyList<ScoredExample> heldOut, double outOfScopeWeight = DefaultOutOfScopeWeight)
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
        var best = 0f;
        var bestScore = double.NegativeInfinity;
        foreach (var threshold in candidates)
        {
            var accuracy = Accuracy(inScope, threshold);
            if (outOfScope.Length > 0)
            {
                var score = accuracy + (outOfScopeWeight * Recall(outOfScope, threshold));
                if (score > bestScore)
                {
                    (best, bestScore) = (threshold, score);
                }
            }
            else if (accuracy >= baseline - MaxAccuracyLossWithoutOutOfScope)
            {
                best = threshold;
            }
        }

        return best;
    }

    private static double Accuracy(ScoredExample[] inScope, float threshold) =>
        inScope.Count(e => e.AcceptedAt(threshold) && e.BestGuessCorrect) / (double)inScope.Length;

    private static double Recall(ScoredExample[] outOfScope, float threshold) =>
        outOfScope.Count(e => !e.AcceptedAt(threshold)) / (double)outOfScope.Length;
}
