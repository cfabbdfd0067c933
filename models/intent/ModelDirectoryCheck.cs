using Microsoft.ML.OnnxRuntime;

namespace KioskAssist.Intent;

/// <summary>Refuses a model directory that is incomplete, altered, or made for another featurizer or graph shape.</summary>
internal static class ModelDirectoryCheck
{
    public static void Verify(string directory, ModelManifest manifest)
    {
        if (manifest.Format is < ModelManifest.OldestFormat or > ModelManifest.CurrentFormat)
        {
            throw new InvalidDataException(
                $"Model format {manifest.Format} is not supported (expected {ModelManifest.OldestFormat}–{ModelManifest.CurrentFormat}).");
        }

        if (manifest.Featurizer != NgramFeaturizer.Name)
        {
            throw new InvalidDataException($"Model needs featurizer '{manifest.Featurizer}', this build has '{NgramFeaturizer.Name}'.");
        }

        if (manifest.Threshold is < 0 or > 1)
        {
            throw new InvalidDataException($"Model threshold {manifest.Threshold} is outside 0–1.");
        }

        if (manifest.MinConfidence is < 0 or > 1 || float.IsNaN(manifest.MinConfidence))
        {
            throw new InvalidDataException($"Model minConfidence {manifest.MinConfidence} is outside 0–1.");
        }

        foreach (var file in ModelFiles.ChecksummedBy(manifest))
        {
            if (Path.GetFileName(file) != file)
            {
                throw new InvalidDataException($"Model file name '{file}' must not contain a folder.");
            }

            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"Model file '{file}' is missing from '{directory}'.");
            }

            if (!manifest.Checksums.TryGetValue(file, out var expected))
            {
                throw new InvalidDataException($"The manifest has no checksum for '{file}'.");
            }

            var actual = ModelFiles.Sha256Of(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Model file '{file}' does not match its checksum (expected {expected}, found {actual}).");
            }
        }
    }

    public static void VerifyGraph(InferenceSession session, ModelManifest manifest, int labelCount)
    {
        foreach (var input in new[] { ModelFiles.InputIndices, ModelFiles.InputValues })
        {
            if (!session.InputMetadata.ContainsKey(input))
            {
                throw new InvalidDataException($"The ONNX graph has no input '{input}'.");
            }
        }

        RequireOutput(session, ModelFiles.OutputIntents, labelCount);
        if (manifest.Languages.Count > 0)
        {
            RequireOutput(session, ModelFiles.OutputLanguages, manifest.Languages.Count);
        }
    }

    private static void RequireOutput(InferenceSession session, string name, int size)
    {
        if (!session.OutputMetadata.TryGetValue(name, out var metadata))
        {
            throw new InvalidDataException($"The ONNX graph has no output '{name}'.");
        }

        if (metadata.Dimensions is not [var length] || length != size)
        {
            throw new InvalidDataException(
                $"ONNX output '{name}' has shape [{string.Join(',', metadata.Dimensions)}], expected [{size}].");
        }
    }
}
