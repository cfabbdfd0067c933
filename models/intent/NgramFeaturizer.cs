namespace KioskAssist.Intent;

/// <summary>
/// The one featurization shared by the trainer and the kiosk: word unigrams and bigrams plus
/// character 2–5-grams inside each word (so typos and Indonesian suffixes such as "-nya" still match).
/// </summary>
/// <remarks>
/// Each block (words, characters) is weighted by log(1 + count) and scaled to unit length over
/// <em>all</em> n-grams of the text, known or not. A question made mostly of unknown words therefore
/// reaches the model with little weight and gets a low confidence, which is what rejection relies on.
/// Stateless and thread-safe.
/// </remarks>
public static class NgramFeaturizer
{
    /// <summary>Name recorded in the model manifest; a model made by another featurizer is refused.</summary>
    public const string Name = "ngram-v1";

    private const int MinCharN = 2;
    private const int MaxCharN = 5;
    private static readonly float BlockScale = 1f / MathF.Sqrt(2f);

    /// <summary>All n-grams of a text with their counts, words and characters told apart by prefix.</summary>
    public static NgramCounts Count(string text)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var chars = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            Increment(words, "w:" + tokens[i]);
            if (i > 0)
            {
                Increment(words, "b:" + tokens[i - 1] + " " + tokens[i]);
            }

            var padded = "<" + tokens[i] + ">";
            for (var n = MinCharN; n <= MaxCharN; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    Increment(chars, string.Concat("c:", padded.AsSpan(start, n)));
                }
            }
        }

        return new NgramCounts(words, chars);
    }

    /// <summary>The model's input for a text; n-grams the vocabulary lacks still count towards the length.</summary>
    public static SparseFeatures Featurize(string text, FeatureVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var counts = Count(text);
        var weights = new SortedDictionary<int, float>();
        AddBlock(counts.Words, vocabulary, weights);
        AddBlock(counts.Characters, vocabulary, weights);
        return new SparseFeatures(
            [.. weights.Keys.Select(index => (long)index)],
            [.. weights.Values]);
    }

    private static void AddBlock(Dictionary<string, int> block, FeatureVocabulary vocabulary, SortedDictionary<int, float> weights)
    {
        var sumOfSquares = 0.0;
        foreach (var count in block.Values)
        {
            var weight = Math.Log(1 + count);
            sumOfSquares += weight * weight;
        }

        if (sumOfSquares == 0)
        {
            return;
        }

        var scale = BlockScale / Math.Sqrt(sumOfSquares);
        foreach (var (feature, count) in block)
        {
            if (vocabulary.TryGetIndex(feature, out var index))
            {
                weights[index] = (float)(Math.Log(1 + count) * scale);
            }
        }
    }

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
