namespace KioskAssist.Protocol.Messages;

/// <summary>The field checks every message shares. Each returns null when the value is fine.</summary>
internal static class MessageRules
{
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 80;
    public const int MaxTranscriptLines = 200;

    public static string? Version(int v) => v == ProtocolVersion.Current ? null : $"unsupported version {v}";

    public static string? Id(string? value, string field) => Ids.IsValid(value) ? null : $"{field} is not a valid id";

    public static string? Language(string? value) =>
        value is { Length: >= 2 and <= 8 } && value.All(char.IsAsciiLetterLower) ? null : "language is not a language tag";

    public static string? Text(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is empty" : value.Length > max ? $"{field} is longer than {max} characters" : null;

    /// <summary>A version (<see cref="RolloutFiles.IsVersion"/>).</summary>
    public static string? VersionText(string? value) => RolloutFiles.IsVersion(value) ? null : "version is not a version";

    /// <summary>
    /// A base64 signature of at most 256 characters (a P-256 signature is 88). Missing is well-formed here: the
    /// receiver refuses an unsigned command and says so, rather than dropping it unanswered.
    /// </summary>
    public static string? Signature(string? value) => value is null || value.Length <= 256 ? null : "signature is too long";
}
