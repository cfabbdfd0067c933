using KioskAssist.Intent;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class TextNormalizerTests
{
    [Fact]
    public void Lower_cases_and_splits_on_anything_but_letters_and_digits()
    {
        Assert.Equal(["card", "declined", "2x"], TextNormalizer.Tokenize("  CARD declined!!! (2x)"));
    }

    [Fact]
    public void Drops_accents_and_apostrophes_so_typed_variants_meet()
    {
        Assert.Equal(TextNormalizer.Tokenize("dont cafe"), TextNormalizer.Tokenize("Don\u2019t caf\u00e9"));
    }

    [Fact]
    public void Folds_full_width_letters_to_ascii()
    {
        Assert.Equal(["qris"], TextNormalizer.Tokenize("\uff31\uff32\uff29\uff33"));
    }

    [Fact]
    public void Gives_no_tokens_for_emoji_punctuation_or_control_characters()
    {
        Assert.Empty(TextNormalizer.Tokenize("\U0001F600 ?!\u0007\u200b"));
    }

    [Fact]
    public void Looks_at_no_more_than_the_maximum_length()
    {
        var tokens = TextNormalizer.Tokenize(string.Join(' ', Enumerable.Repeat("ab", 10_000)));
        Assert.Equal(TextNormalizer.MaxCharacters / 3 + 1, tokens.Count);
    }
}
