using System.Text.RegularExpressions;
using KioskAssist.FirmwareHost.Privacy;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// Finds card data in a POS event's raw text before anything reads it: a run of 13 or more digits (single spaces or
/// dashes allowed between them) with a 13–19 digit stretch that passes Luhn, or a magnetic-stripe track 1 or 2.
/// Scanning the raw body covers every field, value, key and extension alike, numbers included.
/// </summary>
/// <remarks>
/// Pure and thread-safe. Errs toward refusing: a 13+ digit reference that happens to pass Luhn is refused too (no
/// allow-listed field needs more than 13 digits; the POS's ids should not be long digit runs).
/// </remarks>
public static partial class CardDataScan
{
    /// <summary>Null when clean; otherwise which pattern was found (never the digits).</summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Track2().IsMatch(text))
        {
            return "a magnetic-stripe track 2";
        }

        if (Track1().IsMatch(text))
        {
            return "a magnetic-stripe track 1";
        }

        foreach (Match run in DigitRuns().Matches(text))
        {
            var digits = run.Value.Where(char.IsAsciiDigit).ToArray();
            if (digits.Length >= 13 && HasLuhnStretch(digits))
            {
                return "a Luhn-valid 13–19 digit number";
            }
        }

        return null;
    }

    private static bool HasLuhnStretch(char[] digits)
    {
        for (var length = 13; length <= Math.Min(19, digits.Length); length++)
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                if (PersonalDataMask.IsCardNumber(new string(digits, start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"\d(?:[ -]?\d)*")]
    private static partial Regex DigitRuns();

    // ISO 7813 track 2: start sentinel ';' (optional here), 12–19 digit PAN, '=' (or 'D' when written out), YYMM.
    [GeneratedRegex(@"\d{12,19}[=D]\d{4}")]
    private static partial Regex Track2();

    // Track 1: '%B', PAN, '^', name.
    [GeneratedRegex(@"B\d{12,19}\^")]
    private static partial Regex Track1();
}
