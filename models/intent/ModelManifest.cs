using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAssist.Intent;

/// <summary>
/// <c>manifest.json</c> in a model directory: what the model is, how its input is made, when it says "not sure",
/// and the SHA-256 of every file it needs, so a half-copied or tampered model is refused at load.
/// </summary>
public sealed record ModelManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 2;

    /// <summary>Format 1: n-grams only, no <see cref="Encoders"/>; still loadable.</summary>
    public const int OldestFormat = 1;

    public required int Format { get; init; }

    /// <summary>Names the model's purpose, e.g. <c>checkout</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Compared by fleet rollouts; newer sorts later (ordinal).</summary>
    public required string Version { get; init; }

    public required string Featurizer { get; init; }

    /// <summary>Frozen sentence encoders whose vectors follow the n-grams in the input, in order; empty for n-grams only.</summary>
    public IReadOnlyList<ModelEncoderInfo> Encoders { get; init; } = [];

    /// <summary>Below this confidence the kiosk does not answer; chosen on held-out data by the trainer.</summary>
    public required float Threshold { get; init; }

    /// <summary>
    /// Below this confidence the kiosk says "not sure" even when the model's own out-of-scope class does not win; chosen
    /// on held-out data by the trainer (<c>--min-confidence auto</c>). 0 (the default, and in manifests older than the
    /// field) asks nothing more than <see cref="Threshold"/>. A kiosk whose firmware predates it ignores it.
    /// </summary>
    public float MinConfidence { get; init; }

    /// <summary>Languages of the language head, in output order; empty when the model has none.</summary>
    public required IReadOnlyList<string> Languages { get; init; }

    /// <summary>File name → lower-case hex SHA-256.</summary>
    public required IReadOnlyDictionary<string, string> Checksums { get; init; }

    public required ModelTrainingInfo Training { get; init; }

    public static ModelManifest Load(string path) =>
        JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), SerializerOptions)
        ?? throw new InvalidDataException($"{path} is empty.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, SerializerOptions) + "\n");

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
