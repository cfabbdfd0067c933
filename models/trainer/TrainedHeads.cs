using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>A model still in memory: vocabulary, labels and the trained heads, before it becomes ONNX.</summary>
public sealed record TrainedHeads(
    FeatureVocabulary Vocabulary,
    IReadOnlyList<string> Labels,
    LinearHead Intents,
    IReadOnlyList<string> Languages,
    LinearHead? LanguageHead)
{
    /// <summary>Intent probabilities, computed the way the ONNX graph computes them.</summary>
    public float[] IntentProbabilities(string text)
    {
        var features = NgramFeaturizer.Featurize(text, Vocabulary);
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

        var max = logits.Max();
        var exps = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exps.Sum();
        return [.. exps.Select(e => (float)(e / sum))];
    }

    /// <summary>Scores an example for threshold selection: best in-scope guess, its probability, and whether "oos" won.</summary>
    public ScoredExample Score(LabeledExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var probabilities = IntentProbabilities(example.Text);
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
