using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// Makes a model directory from labelled data: vocabulary, intent and language heads, rejection threshold,
/// ONNX graph, golden examples and manifest.
/// </summary>
/// <remarks>
/// The threshold is chosen on data the scoring model did not see (the validation file, or a seeded stratified
/// hold-out of the training data); the shipped heads are then trained on all labelled data given.
/// </remarks>
public static class ModelTrainer
{
    public static ModelManifest Train(TrainingRequest request, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var data = LabeledCsv.Read(request.DataPath);
        RequireTwoIntents(data, request.DataPath);

        IReadOnlyList<LabeledExample> fit, heldOut;
        string thresholdSource;
        if (request.ValidPath is not null)
        {
            (fit, heldOut) = (data, LabeledCsv.Read(request.ValidPath));
            thresholdSource = $"validation file {Path.GetFileName(request.ValidPath)} ({heldOut.Count} rows)";
        }
        else
        {
            (fit, heldOut) = StratifiedSplit.Split(data, request.HoldOutFraction, request.Regression.Seed);
            thresholdSource = $"{request.HoldOutFraction:P0} of the training data held out ({heldOut.Count} rows)";
        }

        log.WriteLine($"Choosing the threshold: training on {fit.Count} rows, scoring {heldOut.Count}.");
        var scoring = Fit(fit, request);
        var threshold = ThresholdSelector.Choose([.. heldOut.Select(scoring.Score)]);
        log.WriteLine($"Threshold {threshold:F4} chosen on {thresholdSource}.");

        var all = request.ValidPath is null ? data : [.. data, .. heldOut];
        log.WriteLine($"Training the model on {all.Count} rows.");
        var heads = Fit(all, request);
        var version = request.Version ?? DefaultVersion(request.DataPath);
        var info = new ModelTrainingInfo
        {
            DataSha256 = ModelFiles.Sha256Of(request.DataPath),
            Rows = all.Count,
            Seed = request.Regression.Seed,
            Epochs = request.Regression.Epochs,
            ThresholdSource = thresholdSource,
        };
        var manifest = ModelDirectoryWriter.Write(request.OutputDirectory, request.Name, version, threshold, heads, info, GoldenTexts(all));
        log.WriteLine($"Wrote model {manifest.Version} ({heads.Labels.Count} labels, {heads.Vocabulary.Count} features) to {request.OutputDirectory}.");
        return manifest;
    }

    /// <summary>Builds the vocabulary and trains the heads on the given rows.</summary>
    public static TrainedHeads Fit(IReadOnlyList<LabeledExample> examples, TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(request);
        var vocabulary = VocabularyBuilder.Build(examples.Select(e => e.Text), request.MinCount);
        var inputs = examples.Select(e => NgramFeaturizer.Featurize(e.Text, vocabulary)).ToArray();
        var labels = examples.Select(e => e.Intent).Distinct().Order(StringComparer.Ordinal).ToArray();
        var intents = SoftmaxRegressionTrainer.Train(
            inputs, [.. examples.Select(e => Array.IndexOf(labels, e.Intent))], vocabulary.Count, labels.Length, request.Regression);

        var languages = examples.All(e => e.Language is not null)
            ? examples.Select(e => e.Language!).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var languageHead = languages.Length >= 2
            ? SoftmaxRegressionTrainer.Train(
                inputs, [.. examples.Select(e => Array.IndexOf(languages, e.Language))], vocabulary.Count, languages.Length, request.Regression)
            : null;
        return new TrainedHeads(vocabulary, labels, intents, languageHead is null ? [] : languages, languageHead);
    }

    /// <summary>The first text of each label, so every intent has a golden check.</summary>
    private static string[] GoldenTexts(IReadOnlyList<LabeledExample> examples) =>
        [.. examples.GroupBy(e => e.Intent).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First().Text)];

    private static string DefaultVersion(string dataPath) =>
        $"{DateTime.UtcNow:yyyy.MM.dd}-{ModelFiles.Sha256Of(dataPath)[..8]}";

    private static void RequireTwoIntents(IReadOnlyList<LabeledExample> data, string path)
    {
        if (data.Select(e => e.Intent).Where(i => i != IntentModel.OutOfScope).Distinct().Count() < 2)
        {
            throw new InvalidDataException($"{path}: at least two in-scope intents are needed to train a model.");
        }
    }
}
