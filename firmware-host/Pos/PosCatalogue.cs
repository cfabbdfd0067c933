using System.Text.Json;
using System.Text.Json.Serialization;
using KioskAssist.FirmwareHost.Hardware;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// <c>pos-events.json</c>, beside <c>answers.json</c> because the same people edit both (the store's words, in every
/// language on the screen). It travels with the build; an answers rollout does not carry it yet. Checked at start: every row's type is known, every
/// language has its message, the light is one the shopper may see, a row for the same type and code is not repeated.
/// </summary>
/// <remarks>Immutable once loaded and thread-safe.</remarks>
public sealed class PosCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly LightPattern[] Lights = [LightPattern.Off, LightPattern.Attention, LightPattern.SlowBlink, LightPattern.FastBlink];

    private readonly Dictionary<(string Type, string? Code), PosCatalogueEntry> _rows;

    private PosCatalogue(string version, Dictionary<(string, string?), PosCatalogueEntry> rows) => (Version, _rows) = (version, rows);

    public string Version { get; }

    /// <summary>The row for the type and code, else the type's generic row, else null (the event is only recorded).</summary>
    public PosCatalogueEntry? For(string type, string? reasonCode) =>
        (reasonCode is not null && _rows.TryGetValue((type, reasonCode), out var exact)) ? exact
        : _rows.GetValueOrDefault((type, null));

    public static PosCatalogue Load(string path, IReadOnlyCollection<string> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"POS catalogue '{path}' (Pos:CatalogueFile) does not exist.");
        }

        CatalogueFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogueFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"POS catalogue '{path}' (Pos:CatalogueFile) is not valid: {e.Message}", e);
        }

        if (file?.Version is not { Length: > 0 } version || file.Events is not { Count: > 0 } events)
        {
            throw new InvalidDataException($"POS catalogue '{path}' needs a 'version' and at least one event.");
        }

        var rows = new Dictionary<(string, string?), PosCatalogueEntry>();
        foreach (var row in events)
        {
            var name = $"{row.Type}{(row.ReasonCode is null ? string.Empty : $" ({row.ReasonCode})")}";
            var problem = !PosEventTypes.Fields.ContainsKey(row.Type ?? string.Empty) ? "is not a POS event type (docs/pos.md)"
                : languages.FirstOrDefault(l => row.Message?.GetValueOrDefault(l) is not { Length: > 0 }) is { } noMessage ? $"has no message in '{noMessage}'"
                : row.Answer is not null && languages.FirstOrDefault(l => row.Answer.GetValueOrDefault(l) is not { Length: > 0 }) is { } noAnswer ? $"has no answer in '{noAnswer}'"
                : !Lights.Contains(row.Light) ? $"light '{row.Light}' is the help call's, not a message's"
                : !rows.TryAdd((row.Type!, row.ReasonCode), row) ? "is listed twice"
                : null;
            if (problem is not null)
            {
                throw new InvalidDataException($"POS catalogue '{path}': event '{name}' {problem}.");
            }
        }

        return new PosCatalogue(version, rows);
    }

    private sealed record CatalogueFile(string? Version, List<PosCatalogueEntry>? Events);
}
