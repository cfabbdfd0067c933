using System.Text.RegularExpressions;

namespace KioskAssist.FirmwareHost.Privacy;

/// <summary>
/// Masks what a shopper (or an agent) may type that the kiosk must not keep or send: card numbers (13–19 digits that
/// pass the Luhn check, spaces or dashes allowed between them), e-mail addresses, and phone numbers (starting with
/// <c>+</c> or <c>0</c>, 9–15 digits). Applied before a transcript or chat line is stored or published (docs/privacy.md).
/// </summary>
/// <remarks>
/// Pure and thread-safe. Errs toward masking: a 13–19 digit reference that happens to pass Luhn is masked too. Digit runs
/// that are not card-like (prices, short codes, a receipt number not starting with 0 or +) are left alone, so the agent
/// can still read "Rp 150.000" or "order 4471".
/// </remarks>
public static partial class PersonalDataMask
{
    public const string Card = "[card number]";
    public const string Email = "[e-mail]";
    public const string Phone = "[phone]";

    /// <summary>The longest text a transcript line or chat line may carry on the wire (the protocol's limit, docs/protocol.md).</summary>
    public const int MaxLength = 2000;

    /// <summary>The text with card numbers, e-mail addresses and phone numbers replaced by placeholders.</summary>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = Emails().Replace(text, Email);
        masked = DigitRuns().Replace(masked, m => IsCardNumber(m.Value) ? Card : m.Value);
        masked = Phones().Replace(masked, m => DigitCount(m.Value) is >= 9 and <= 15 ? Phone : m.Value);
        return WithinLimit(masked);
    }

    /// <summary>
    /// A placeholder can be longer than what it replaces ("[e-mail]" for "a@b.co"), so a line that was within the
    /// protocol's limit may not be after masking, and every reader would drop it as too long. The masked text is cut
    /// to the limit instead, ending in "…"; masking came first, so the cut never shows what was masked.
    /// </summary>
    private static string WithinLimit(string masked)
    {
        if (masked.Length <= MaxLength)
        {
            return masked;
        }

        var keep = MaxLength - 1;
        if (char.IsHighSurrogate(masked[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        return string.Concat(masked.AsSpan(0, keep), "…");
    }

    /// <summary>13–19 digits (separators ignored) that pass the Luhn check.</summary>
    public static bool IsCardNumber(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static int DigitCount(string text) => text.Count(char.IsAsciiDigit);

    // Digits with single spaces or dashes between them, not glued to other digits or letters.
    [GeneratedRegex(@"(?<![\p{L}\d])\d(?:[ \-]?\d){12,18}(?![\p{L}\d])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DigitRuns();

    [GeneratedRegex(@"[\p{L}\d._%+\-]+@[\p{L}\d\-]+(?:\.[\p{L}\d\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Emails();

    // +62 812-3456-7890, 0812 3456 7890, (021) 555 1234 written as 021 555 1234.
    [GeneratedRegex(@"(?<![\p{L}\d])(?:\+|0)\d(?:[ \-.]?\d){7,16}(?![\p{L}\d])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Phones();
}
