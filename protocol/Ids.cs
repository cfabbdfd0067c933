using System.Text.RegularExpressions;

namespace KioskAssist.Protocol;

/// <summary>Ids used in topics and payloads: 1–64 of letters, digits, '-' and '_'.</summary>
public static partial class Ids
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Check(string id) =>
        IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a valid id (1–64 letters, digits, '-' or '_').", nameof(id));

    /// <summary>A new random id (32 hex digits).</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Pattern();
}
