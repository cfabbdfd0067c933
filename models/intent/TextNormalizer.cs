using System.Globalization;
using System.Text;

namespace KioskAssist.Intent;

/// <summary>
/// Turns what a shopper typed into the lower-case word tokens every feature is built from.
/// Culture-free on purpose: a kiosk with only en_GB installed must featurize exactly like the trainer.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Longest text looked at; a pasted novel costs no more than this.</summary>
    public const int MaxCharacters = 1000;

    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxCharacters)
        {
            text = text[..MaxCharacters];
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue; // accents and zero-width characters carry no meaning for intent
            }

            if (IsApostrophe(ch))
            {
                continue; // "don't" and "dont" are the same word to a hurried typist
            }

            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static bool IsApostrophe(char ch) => ch is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4';
}
