namespace KioskAssist.Trainer;

/// <summary>
/// Chooses the model's minimum confidence: below it the kiosk says "not sure" even when the model's own
/// out-of-scope class does not win. From held-out predictions only, like <see cref="ThresholdSelector"/>.
/// </summary>
/// <remarks>
/// The rejection threshold is set by a recall floor on held-out out-of-scope questions; when the <c>oos</c> class alone
/// meets that floor (the checkout model) the threshold is 0, and a question the oos class narrowly lost was answered
/// whatever its confidence ("bisa bayar tagihan listrik di sini?" as payment_methods at 0.25). This rule looks at what
/// the answers themselves were worth instead: the lowest confidence that maximises right answers minus wrong ones
/// (a wrong intent for an in-scope question, or any answer to an out-of-scope one) among the held-out questions the
/// model would still answer. So the band it cuts off held more wrong answers than right ones, and it stays 0 when no
/// band below some confidence did. A wrong answer and a "not sure" (which offers a person) are weighed alike.
/// </remarks>
public static class MinConfidenceSelector
{
    /// <summary>The lowest confidence at which right answers minus wrong answers is highest; 0 when cutting gains nothing.</summary>
    /// <param name="threshold">The rejection threshold already chosen; only questions it lets through count.</param>
    /// <param name="maxInScopeCost">
    /// The most (0–1) of the held-out in-scope questions answered right at threshold 0 that the threshold and this cut
    /// together may turn into "not sure"; cuts beyond it are not considered. 1: no budget.
    /// </param>
    public static float Choose(IReadOnlyList<ScoredExample> heldOut, float threshold = 0f, double maxInScopeCost = ThresholdSelector.NoInScopeBudget)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var answered = heldOut.Where(e => e.AcceptedAt(threshold)).OrderBy(e => e.Confidence).ToArray();
        var inScope = heldOut.Count(e => !e.IsOutOfScope);

        // Right answers this cut may still refuse: the budget less what the threshold already refused.
        var rightLeft = Math.Floor((maxInScopeCost * inScope) + 1e-9) - heldOut.Count(e => IsRight(e) && e.AcceptedAt(0f) && !e.AcceptedAt(threshold));
        var net = answered.Sum(Worth);
        var best = net;
        var chosen = 0f;
        var rightRefused = 0;
        for (var i = 0; i < answered.Length; i++)
        {
            // Cutting at the next distinct confidence drops every answer up to and including this one.
            net -= Worth(answered[i]);
            rightRefused += IsRight(answered[i]) ? 1 : 0;
            if (rightRefused > rightLeft)
            {
                break;
            }

            if (i + 1 < answered.Length && answered[i + 1].Confidence == answered[i].Confidence)
            {
                continue;
            }

            if (net > best)
            {
                best = net;
                chosen = i + 1 < answered.Length ? answered[i + 1].Confidence : MathF.BitIncrement(answered[i].Confidence);
            }
        }

        return chosen;
    }

    /// <summary>How many held-out answers a minimum confidence turns into "not sure": right ones and wrong ones.</summary>
    public static (int RightRefused, int WrongRefused) Cost(IReadOnlyList<ScoredExample> heldOut, float threshold, float minConfidence)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var refused = heldOut.Where(e => e.AcceptedAt(threshold) && !e.AcceptedAt(minConfidence)).ToArray();
        return (refused.Count(IsRight), refused.Count(e => !IsRight(e)));
    }

    private static bool IsRight(ScoredExample example) => !example.IsOutOfScope && example.BestGuessCorrect;

    private static int Worth(ScoredExample example) => IsRight(example) ? 1 : -1;
}
