using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>Collects the n-grams seen in training data into a vocabulary, in a fixed (ordinal) order.</summary>
public static class VocabularyBuilder
{
    /// <param name="minCount">How many training texts must contain an n-gram for it to be kept.</param>
    public static FeatureVocabulary Build(IEnumerable<string> texts, int minCount)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var feature in NgramFeaturizer.Count(text).All)
            {
                documentFrequency[feature] = documentFrequency.GetValueOrDefault(feature) + 1;
            }
        }

        return new FeatureVocabulary(documentFrequency
            .Where(pair => pair.Value >= minCount)
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal));
    }
}
