using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>Writes a complete model directory that <see cref="IntentModel.Load"/> accepts.</summary>
public static class ModelDirectoryWriter
{
    public static ModelManifest Write(
        string directory,
        string name,
        string version,
        float threshold,
        float minConfidence,
        TrainedHeads heads,
        IReadOnlyList<ModelEncoderInfo> encoders,
        ModelTrainingInfo training,
        IReadOnlyList<string> goldenTexts,
        string? applicationDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(heads);
        Directory.CreateDirectory(directory);
        OnnxGraphWriter.Write(Path.Combine(directory, ModelFiles.Onnx), heads.Intents, heads.LanguageHead, version);
        File.WriteAllText(Path.Combine(directory, ModelFiles.Labels), string.Concat(heads.Labels.Select(l => l + "\n")));
        heads.Vocabulary.Save(Path.Combine(directory, ModelFiles.Vocabulary));

        // Golden outputs must come from ONNX Runtime itself, so load the model once with an empty golden file,
        // record what it answers, then seal the manifest over the final files.
        new GoldenExamples([]).Save(Path.Combine(directory, ModelFiles.Golden));
        var manifest = Seal(directory, new ModelManifest
        {
            Format = ModelManifest.CurrentFormat,
            Name = name,
            Version = version,
            Featurizer = NgramFeaturizer.Name,
            Encoders = encoders,
            Threshold = threshold,
            MinConfidence = minConfidence,
            Languages = heads.Languages,
            Checksums = new Dictionary<string, string>(),
            Training = training,
        });

        using (var model = IntentModel.Load(directory, applicationDirectory))
        {
            var golden = goldenTexts.Select(text =>
            {
                var prediction = model.Predict(text);
                return new GoldenExample(text, prediction.Intent, prediction.Confidence);
            });
            new GoldenExamples([.. golden]).Save(Path.Combine(directory, ModelFiles.Golden));
        }

        return Seal(directory, manifest);
    }

    private static ModelManifest Seal(string directory, ModelManifest manifest)
    {
        var sealedManifest = manifest with
        {
            Checksums = ModelFiles.ChecksummedBy(manifest).ToDictionary(file => file, file => ModelFiles.Sha256Of(Path.Combine(directory, file))),
        };
        sealedManifest.Save(Path.Combine(directory, ModelFiles.Manifest));
        return sealedManifest;
    }
}
