using System.Text.RegularExpressions;

namespace KioskAssist.Protocol;

/// <summary>
/// The rules a rollout's package and version follow, in one place for kafleet, which builds packages, and the kiosk,
/// which unpacks them as hostile input. The model's own file names live with the model (<c>ModelFiles</c>).
/// </summary>
public static partial class RolloutFiles
{
    /// <summary>The one file of an answers package.</summary>
    public const string Answers = "answers.json";

    /// <summary>How a usable version is described to a person.</summary>
    public const string VersionRule = "1–64 letters, digits, '.', '-' or '_'";

    /// <summary>A package file is a plain name in the package's one folder: no path (no zip-slip), no leading dot.</summary>
    public static bool IsPlainFileName(string name) => PlainFileName().IsMatch(name);

    /// <summary>A version: 1–64 of letters, digits, '.', '-', '_' (e.g. <c>2026.11.28.2</c>); compared by <see cref="VersionOrder"/>.</summary>
    public static bool IsVersion(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex PlainFileName();
}
