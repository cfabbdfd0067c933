using KioskAssist.Intent;

namespace KioskAssist.Trainer.Reports;

/// <summary>Accuracy against rejection rate as the threshold moves from 0 to 1: what an operator trades by raising it.</summary>
public static class RejectionCurve
{
    /// <param name="truth">True label of each question.</param>
    /// <param name="predictions">The model's prediction of each question (its best guess and confidence are used).</param>
    /// <param name="steps">Thresholds 0, 1/steps, …, 1.</param>
    public static IReadOnlyList<RejectionPoint> Compute(IReadOnlyList<string> truth, IReadOnlyList<IntentPrediction> predictions, int steps = 100)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        var points = new List<RejectionPoint>(steps + 1);
        for (var step = 0; step <= steps; step++)
        {
            points.Add(At(truth, predictions, step / (double)steps));
        }

        return points;
    }

    /// <summary>The point at one threshold. A question the model itself put in "oos" stays rejected at every threshold.</summary>
    public static RejectionPoint At(IReadOnlyList<string> truth, IReadOnlyList<IntentPrediction> predictions, double threshold)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        int rejected = 0, answered = 0, answeredRight = 0, inScope = 0, inScopeRight = 0, outOfScope = 0, outOfScopeRejected = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var p = predictions[i];
            var rejects = p.RejectedAtAnyThreshold || p.Confidence < threshold;
            var isOutOfScope = truth[i] == IntentModel.OutOfScope;
            var right = !rejects && p.BestGuess == truth[i];
            rejected += rejects ? 1 : 0;
            answered += rejects ? 0 : 1;
            answeredRight += right ? 1 : 0;
            inScope += isOutOfScope ? 0 : 1;
            inScopeRight += right && !isOutOfScope ? 1 : 0;
            outOfScope += isOutOfScope ? 1 : 0;
            outOfScopeRejected += isOutOfScope && rejects ? 1 : 0;
        }

        return new RejectionPoint(threshold, Ratio(rejected, truth.Count), Ratio(answeredRight, answered), Ratio(inScopeRight, inScope), Ratio(outOfScopeRejected, outOfScope));
    }

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : part / (double)whole;
}
