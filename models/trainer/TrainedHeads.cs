using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>A model still in memory: featurizer, labels and the trained heads, before it becomes ONNX.</summary>
public sealed record TrainedHeads(
    IntentFeaturizer Featurizer,
    IReadOnlyList<string> Labels,
    LinearHead Intents,
    IReadOnlyList<string> Languages,
    LinearHead? LanguageHead)
{
    public FeatureVocabulary Vocabulary => Featurizer.Vocabulary;

    /// <summary>The same heads with every intent score multiplied by <paramref name="scale"/> (see <see cref="ScoreCalibration"/>).</summary>
    public TrainedHeads WithScoreScale(double scale) => scale == 1 ? this : this with
    {
        Intents = Intents with
        {
            Weights = [.. Intents.Weights.Select(w => (float)(w * scale))],
            Bias = [.. Intents.Bias.Select(b => (float)(b * scale))],
        },
    };

    /// <summary>Intent probabilities of featurized text, computed the way the ONNX graph computes them.</summary>
    public float[] IntentProbabilities(SparseFeatures features)
    {
        var logits = IntentScores(features);
        var max = logits.Max();
        var exps = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exps.Sum();
        return [.. exps.Select(e => (float)(e / sum))];
    }

    /// <summary>The intent head's scores (logits) of featurized text, before the softmax.</summary>
    public double[] IntentScores(SparseFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var logits = new double[Intents.Classes];
        for (var c = 0; c < logits.Length; c++)
        {
            logits[c] = Intents.Bias[c];
        }

        for (var k = 0; k < features.Count; k++)
        {
            var row = features.Indices[k] * Intents.Classes;
            for (var c = 0; c < logits.Length; c++)
            {
                logits[c] += Intents.Weights[row + c] * features.Values[k];
            }
        }

        return logits;
    }

    /// <summary>Scores examples for threshold selection: best in-scope guess, its probability, and whether "oos" won.</summary>
    public ScoredExample[] Score(IReadOnlyList<LabeledExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var features = Featurizer.FeaturizeMany([.. examples.Select(e => e.Text)]);
        return [.. examples.Select((e, i) => Score(e, features[i]))];
    }

    private ScoredExample Score(LabeledExample example, SparseFeatures features)
    {
        var probabilities = IntentProbabilities(features);
        var outOfScopeIndex = Labels.ToList().IndexOf(IntentModel.OutOfScope);
        var best = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (i != outOfScopeIndex && (best < 0 || probabilities[i] > probabilities[best]))
            {
                best = i;
            }
        }

        var outOfScopeWins = outOfScopeIndex >= 0 && probabilities[outOfScopeIndex] > probabilities[best];
        return new ScoredExample(
            example.Intent == IntentModel.OutOfScope,
            Labels[best] == example.Intent,
            probabilities[best],
            outOfScopeWins);
    }
}
