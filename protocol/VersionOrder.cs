using System.Globalization;

namespace KioskAssist.Protocol;

/// <summary>
/// Orders model and answer versions (<c>2026.11.28.2</c>): dot-separated parts compared left to right, numerically
/// when both are numbers, else ordinally; a version with more parts after an equal prefix is newer.
/// </summary>
public static class VersionOrder
{
    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, zero when equal, positive when newer.</summary>
    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var x)
                && long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    public static bool IsNewer(string candidate, string active) => Compare(candidate, active) > 0;
}
