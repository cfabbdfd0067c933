using System.Globalization;
using System.Text.Json;

namespace KioskAssist.Intent;

/// <summary>
/// <c>golden.json</c>: known questions with the answer the model gave when it was made. A model that no longer
/// gives them (wrong runtime, damaged file, different featurizer) is refused before it answers a shopper.
/// The trainer writes this file; retraining regenerates it.
/// </summary>
public sealed record GoldenExamples(IReadOnlyList<GoldenExample> Examples)
{
    public const string FileName = "golden.json";

    /// <summary>Largest confidence difference still counted as the same output (float rounding across CPUs).</summary>
    public const float Tolerance = 1e-4f;

    /// <summary>
    /// The same for a model whose encoder ships quantized (<see cref="ModelEncoderInfo.Variant"/> set): x86 (AVX2/VNNI)
    /// and a Raspberry Pi 4's NEON round int8 products differently, by up to 5e-4 measured on the checkout model's
    /// golden questions. A wrong runtime or damaged file moves them by tenths (0.97 → 0.65 was seen).
    /// </summary>
    public const float QuantizedTolerance = 5e-3f;

    /// <summary>The tolerance that applies to <paramref name="model"/>.</summary>
    public static float ToleranceFor(IntentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Manifest.Encoders.Any(e => e.Variant is not null) ? QuantizedTolerance : Tolerance;
    }

    public static GoldenExamples Load(string path) =>
        new(JsonSerializer.Deserialize<List<GoldenExample>>(File.ReadAllText(path), ModelManifest.SerializerOptions)
            ?? throw new InvalidDataException($"{path} is empty."));

    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(Examples, ModelManifest.SerializerOptions) + "\n");

    /// <summary>Runs every example through the model; returns one line per mismatch (empty when all agree).</summary>
    public IReadOnlyList<string> Check(IntentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tolerance = ToleranceFor(model);
        var problems = new List<string>();
        foreach (var example in Examples)
        {
            var actual = model.Predict(example.Text);
            if (actual.Intent != example.Intent || Math.Abs(actual.Confidence - example.Confidence) > tolerance)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{example.Text}': expected {example.Intent} {example.Confidence:F4}, got {actual.Intent} {actual.Confidence:F4}"));
            }
        }

        return problems;
    }

    /// <summary>Loads the model directory's golden file and checks the model against it.</summary>
    public static IReadOnlyList<string> CheckDirectory(IntentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(Path.Combine(model.Directory, FileName)).Check(model);
    }
}
