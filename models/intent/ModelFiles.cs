using System.Security.Cryptography;

namespace KioskAssist.Intent;

/// <summary>The files a model directory holds, and how they are checked.</summary>
public static class ModelFiles
{
    public const string Onnx = "model.onnx";
    public const string Labels = "labels.txt";
    public const string Vocabulary = FeatureVocabulary.FileName;
    public const string Manifest = ModelManifest.FileName;
    public const string Golden = GoldenExamples.FileName;

    /// <summary>The five files every model directory has, the manifest first (the order a rollout package keeps).</summary>
    public static IReadOnlyList<string> Every { get; } = [Manifest, Labels, Vocabulary, Golden, Onnx];

    /// <summary>Files covered by the manifest's checksums.</summary>
    public static IReadOnlyList<string> Checksummed { get; } = [Onnx, Labels, Vocabulary, Golden];

    /// <summary><see cref="Checksummed"/> plus the encoder files the manifest names.</summary>
    public static IReadOnlyList<string> ChecksummedBy(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return [.. Checksummed, .. manifest.Encoders.SelectMany(e => new[] { e.OnnxFile, e.VocabularyFile }).OfType<string>()];
    }

    /// <summary>Graph input: vocabulary rows of the text's n-grams, int64 [n].</summary>
    public const string InputIndices = "feature_indices";

    /// <summary>Graph input: the weight of each n-gram, float [n, 1].</summary>
    public const string InputValues = "feature_values";

    /// <summary>Graph output: probability of each label in <see cref="Labels"/>, float [labels].</summary>
    public const string OutputIntents = "intent_probabilities";

    /// <summary>Optional graph output: probability of each manifest language, float [languages].</summary>
    public const string OutputLanguages = "language_probabilities";

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
