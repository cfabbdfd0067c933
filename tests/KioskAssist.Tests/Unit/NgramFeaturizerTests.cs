using KioskAssist.Intent;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class NgramFeaturizerTests
{
    [Fact]
    public void Counts_words_bigrams_and_character_ngrams_inside_words()
    {
        var counts = NgramFeaturizer.Count("Kartu ditolak");

        Assert.Contains("w:kartu", counts.Words.Keys);
        Assert.Contains("b:kartu ditolak", counts.Words.Keys);
        Assert.Contains("c:<ka", counts.Characters.Keys);
        Assert.Contains("c:ak>", counts.Characters.Keys);
        Assert.DoesNotContain(counts.Characters.Keys, gram => gram.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_whose_ngrams_are_all_known_has_unit_length()
    {
        const string text = "where is my refund";
        var vocabulary = new FeatureVocabulary(NgramFeaturizer.Count(text).All.Order(StringComparer.Ordinal));

        var features = NgramFeaturizer.Featurize(text, vocabulary);

        Assert.Equal(1.0, Math.Sqrt(features.Values.Sum(v => (double)v * v)), 5);
        Assert.Equal(features.Indices.Order(), features.Indices);
    }

    [Fact]
    public void Unknown_words_shrink_the_known_part_instead_of_being_ignored()
    {
        var vocabulary = new FeatureVocabulary(NgramFeaturizer.Count("refund").All.Order(StringComparer.Ordinal));

        var alone = NgramFeaturizer.Featurize("refund", vocabulary);
        var diluted = NgramFeaturizer.Featurize("refund zzqx wvvp kkjh", vocabulary);

        Assert.True(Norm(diluted) < Norm(alone) * 0.8, $"{Norm(diluted)} vs {Norm(alone)}");
    }

    [Fact]
    public void Is_the_same_every_time()
    {
        var vocabulary = new FeatureVocabulary(NgramFeaturizer.Count("bayar pakai qris").All.Order(StringComparer.Ordinal));

        var first = NgramFeaturizer.Featurize("Bayar pakai QRIS?", vocabulary);
        var second = NgramFeaturizer.Featurize("bayar   pakai qris", vocabulary);

        Assert.Equal(first.Indices, second.Indices);
        Assert.Equal(first.Values, second.Values);
    }

    private static double Norm(SparseFeatures features) => Math.Sqrt(features.Values.Sum(v => (double)v * v));
}
