using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>
/// <c>answers.json</c>: one answer per intent per language, with <c>{Placeholders}</c> for store facts.
/// Immutable once loaded; a newer catalog replaces the whole instance.
/// </summary>
public sealed partial class AnswerCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private AnswerCatalog(string version, IReadOnlyDictionary<string, IntentAnswer> intents)
    {
        Version = version;
        Intents = intents;
    }

    public string Version { get; }

    /// <summary>Intent name → entry, in file order.</summary>
    public IReadOnlyDictionary<string, IntentAnswer> Intents { get; }

    public static AnswerCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Answer file '{path}' does not exist.");
        }

        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Answer file '{path}' is not valid: {e.Message}", e);
        }

        if (file?.Version is not { Length: > 0 } version || file.Intents is not { Count: > 0 } intents)
        {
            throw new InvalidDataException($"Answer file '{path}' needs a 'version' and at least one intent.");
        }

        return new AnswerCatalog(version, intents);
    }

    /// <summary>The placeholder names an answer text uses, e.g. <c>ReturnWindowDays</c>.</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>Replaces each <c>{Name}</c> with its fact; the caller has checked every fact exists.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> facts) =>
        PlaceholderPattern().Replace(text, m => facts[m.Groups[1].Value]);

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex PlaceholderPattern();

    private sealed record CatalogFile(string? Version, Dictionary<string, IntentAnswer>? Intents);
}
