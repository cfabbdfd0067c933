using System.Globalization;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>The remote agent as the shopper's screen shows them: the name and up to two initials for an avatar.</summary>
public sealed record HelpAgentView(string Name, string Initials)
{
    /// <summary>
    /// Initials from the first letters of the first two words ("Ana Putri" → "AP", "Budi" → "B"), upper-cased; whole text
    /// elements, so a name in a script with combining marks is not cut in half.
    /// </summary>
    public static HelpAgentView Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var initials = string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(2)
            .Select(word => StringInfo.GetNextTextElement(word, 0).ToUpperInvariant()));
        return new HelpAgentView(name, initials);
    }
}
