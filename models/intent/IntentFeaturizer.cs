using KioskAssist.Intent.Encoders;

namespace KioskAssist.Intent;

/// <summary>
/// The one featurization shared by the trainer and the kiosk: the n-gram features of <see cref="NgramFeaturizer"/>
/// followed by each frozen sentence encoder's vector, scaled, as one sparse input.
/// </summary>
/// <remarks>
/// The encoder vectors take the feature rows after the vocabulary (<c>vocabulary.Count + offset + d</c>), so the
/// ONNX head stays one Gather over one weight matrix. The n-grams carry Indonesian, typos and store words the
/// English-first encoders do not know; the encoders carry paraphrase.
/// Thread-safe. Does not own the encoders: whoever loaded them disposes them.
/// </remarks>
public sealed class IntentFeaturizer
{
    private readonly float[] _scales;

    public IntentFeaturizer(FeatureVocabulary vocabulary, IReadOnlyList<SentenceEncoder> encoders, IReadOnlyList<float> scales)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(encoders);
        ArgumentNullException.ThrowIfNull(scales);
        if (encoders.Count != scales.Count)
        {
            throw new ArgumentException("One scale is needed per encoder.", nameof(scales));
        }

        Vocabulary = vocabulary;
        Encoders = encoders;
        _scales = [.. scales];
        FeatureCount = vocabulary.Count + encoders.Sum(e => e.Dimension);
    }

    public FeatureVocabulary Vocabulary { get; }

    public IReadOnlyList<SentenceEncoder> Encoders { get; }

    /// <summary>Rows of the head's weight matrix: vocabulary plus every encoder dimension.</summary>
    public int FeatureCount { get; }

    public SparseFeatures Featurize(string text) => FeaturizeMany([text])[0];

    /// <summary>Features of many texts, in order; the encoders run in batches.</summary>
    public SparseFeatures[] FeaturizeMany(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = Encoders.Select(e => e.EmbedMany(texts)).ToArray();
        var result = new SparseFeatures[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ngrams = NgramFeaturizer.Featurize(texts[i], Vocabulary);
            var dense = Encoders.Sum(e => e.Dimension);
            var indices = new long[ngrams.Count + dense];
            var values = new float[ngrams.Count + dense];
            ngrams.Indices.CopyTo(indices, 0);
            ngrams.Values.CopyTo(values, 0);
            var at = ngrams.Count;
            long row = Vocabulary.Count;
            for (var e = 0; e < Encoders.Count; e++)
            {
                var vector = vectors[e][i];
                for (var d = 0; d < vector.Length; d++, at++, row++)
                {
                    indices[at] = row;
                    values[at] = vector[d] * _scales[e];
                }
            }

            result[i] = new SparseFeatures(indices, values);
        }

        return result;
    }
}
