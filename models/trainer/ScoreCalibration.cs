using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// Turns a hinge-trained head's scores into probabilities: one factor for all scores, chosen so that the softmax of
/// the scaled scores gives held-out rows' true labels the highest likelihood (temperature scaling).
/// </summary>
/// <remarks>
/// A linear SVM's scores sit around ±1, so their plain softmax is nearly flat and says little. Scaling changes no
/// argmax, so accuracy is untouched; what it fixes is the confidence the kiosk shows and thresholds on.
/// </remarks>
public static class ScoreCalibration
{
    /// <summary>Factors tried: 1 to ≈ 100, each 10% above the last.</summary>
    private static readonly double[] Candidates = [.. Enumerable.Range(0, 50).Select(i => Math.Pow(1.1, i))];

    public static double ChooseScale(TrainedHeads heads, IReadOnlyList<LabeledExample> heldOut)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(heldOut);
        var labelled = heldOut.Where(e => heads.Labels.Contains(e.Intent)).ToArray();
        if (labelled.Length == 0)
        {
            return 1;
        }

        var features = heads.Featurizer.FeaturizeMany([.. labelled.Select(e => e.Text)]);
        var scores = features.Select(heads.IntentScores).ToArray();
        var truth = labelled.Select(e => heads.Labels.ToList().IndexOf(e.Intent)).ToArray();
        return Candidates.MinBy(scale => MeanNegativeLogLikelihood(scores, truth, scale));
    }

    private static double MeanNegativeLogLikelihood(double[][] scores, int[] truth, double scale)
    {
        var total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var max = scores[i].Max() * scale;
            var logSum = Math.Log(scores[i].Sum(s => Math.Exp((s * scale) - max))) + max;
            total += logSum - (scores[i][truth[i]] * scale);
        }

        return total / scores.Length;
    }
}
