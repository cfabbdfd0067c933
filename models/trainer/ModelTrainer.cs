using System.Security.Cryptography;
using System.Text;
using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer;

/// <summary>
/// Makes a model directory from labelled data: vocabulary, intent and language heads over the shared features
/// (n-grams + frozen sentence encoder), rejection threshold and minimum confidence, ONNX graph, golden examples and manifest.
/// </summary>
/// <remarks>
/// The threshold is chosen on data the scoring model did not see (the validation files, or a seeded stratified
/// hold-out of the training data); the shipped heads are then trained on all labelled data given.
/// </remarks>
public static class ModelTrainer
{
    public static ModelManifest Train(TrainingRequest request, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var data = ReadAll(request.DataPaths);
        RequireTwoIntents(data, string.Join(", ", request.DataPaths));

        IReadOnlyList<LabeledExample> heldOut = [];
        string thresholdSource;
        using var encoders = EncoderSet.Load(request);
        ScoredExample[] scored;
        double scoreScale;
        if (request.ValidPaths.Count > 0)
        {
            heldOut = ReadAll(request.ValidPaths);
            thresholdSource = $"validation {string.Join(" + ", request.ValidPaths.Select(Path.GetFileName))} ({heldOut.Count} rows, {heldOut.Count(IsOutOfScope)} out of scope)";
            (scored, scoreScale) = ScoreHeldOut(data, heldOut, request, encoders.Loaded, log);
        }
        else if (request.Folds >= 2)
        {
            if (request.Regression.Loss != HeadLoss.Softmax)
            {
                throw new InvalidDataException("--folds needs the Softmax loss (a hinge head's score scale is chosen on one held-out part).");
            }

            scored = ScoreByFolds(data, request, encoders.Loaded, log);
            scoreScale = 1;
            thresholdSource = $"every training row, scored in {request.Folds} folds by a model that did not train on it ({data.Count} rows, {data.Count(IsOutOfScope)} out of scope)";
        }
        else
        {
            IReadOnlyList<LabeledExample> fit;
            (fit, heldOut) = StratifiedSplit.Split(data, request.HoldOutFraction, request.Regression.Seed);
            thresholdSource = $"{request.HoldOutFraction:P0} of the training data held out ({heldOut.Count} rows, {heldOut.Count(IsOutOfScope)} out of scope)";
            (scored, scoreScale) = ScoreHeldOut(fit, heldOut, request, encoders.Loaded, log);
        }

        var (aloneAccuracy, aloneRecall) = ThresholdSelector.Measure(scored, 0f);
        log.WriteLine($"Held out, before any threshold: in-scope accuracy {aloneAccuracy:P1}"
            + (double.IsNaN(aloneRecall) ? "." : $", out-of-scope recall {aloneRecall:P1} (the oos class alone)."));
        var threshold = ThresholdSelector.Choose(scored, request.MinOutOfScopeRecall, request.MaxAccuracyLoss, request.MaxInScopeCost);
        var (thresholdAccuracy, thresholdRecall) = ThresholdSelector.Measure(scored, threshold);
        log.WriteLine($"Threshold {threshold:F4} chosen on {thresholdSource}: there in-scope accuracy {thresholdAccuracy:P1}"
            + (double.IsNaN(thresholdRecall) ? "." : $", out-of-scope recall {thresholdRecall:P1}."));
        var minConfidence = request.MinConfidence ?? MinConfidenceSelector.Choose(scored, threshold, request.MaxInScopeCost);
        var (rightRefused, wrongRefused) = MinConfidenceSelector.Cost(scored, threshold, minConfidence);
        var minConfidenceSource = (request.MinConfidence is null ? "chosen on the same held-out rows" : "given (--min-confidence)")
            + $": there it turns {rightRefused} right and {wrongRefused} wrong answers into not-sure replies";
        log.WriteLine($"Minimum confidence {minConfidence:F4}, {minConfidenceSource}.");

        // What the kiosk does: the stricter of the two cuts.
        var (heldOutAccuracy, heldOutRecall) = ThresholdSelector.Measure(scored, Math.Max(threshold, minConfidence));
        if (minConfidence > threshold)
        {
            log.WriteLine($"With both, held-out in-scope accuracy {heldOutAccuracy:P1}"
                + (double.IsNaN(heldOutRecall) ? "." : $", out-of-scope recall {heldOutRecall:P1}."));
        }
        if (!scored.Any(s => s.IsOutOfScope))
        {
            log.WriteLine($"warning: no out-of-scope ('oos') rows to choose the threshold on; it gives up at most {request.MaxAccuracyLoss:P1} of "
                + "held-out accuracy instead (--max-accuracy-loss). Pass out-of-scope examples in --valid or --data for a threshold that rejects what the model does not know.");
        }

        IReadOnlyList<LabeledExample> all = request.ValidPaths.Count == 0 ? data : [.. data, .. heldOut];
        log.WriteLine($"Training the model on {all.Count} rows.");
        var heads = Fit(all, request, encoders.Loaded).WithScoreScale(scoreScale);
        var version = request.Version ?? DefaultVersion(request.DataPaths);
        var info = new ModelTrainingInfo
        {
            DataSha256 = DataSha256(request.DataPaths),
            Rows = all.Count,
            Seed = request.Regression.Seed,
            Epochs = request.Regression.Epochs,
            MinCount = request.MinCount,
            LearningRate = request.Regression.LearningRate,
            L2 = request.Regression.L2,
            LabelSmoothing = request.Regression.LabelSmoothing,
            Loss = request.Regression.Loss.ToString(),
            ScoreScale = Math.Round(scoreScale, 6),
            MinOutOfScopeRecall = request.MinOutOfScopeRecall,
            MaxAccuracyLoss = request.MaxAccuracyLoss,
            HeldOutInScopeAccuracy = Math.Round(heldOutAccuracy, 6),
            HeldOutOutOfScopeRecall = double.IsNaN(heldOutRecall) ? null : Math.Round(heldOutRecall, 6),
            MaxInScopeCost = request.MaxInScopeCost < ThresholdSelector.NoInScopeBudget ? request.MaxInScopeCost : null,
            Folds = request.ValidPaths.Count == 0 && request.Folds >= 2 ? request.Folds : 1,
            ThresholdSource = thresholdSource,
            MinConfidenceChosen = request.MinConfidence is null,
            MinConfidenceSource = minConfidenceSource,
        };
        var encoderInfo = encoders.WriteFiles(request.OutputDirectory, request.EncoderScale);
        var manifest = ModelDirectoryWriter.Write(
            request.OutputDirectory, request.Name, version, threshold, minConfidence, heads, encoderInfo, info, GoldenTexts(all), request.ApplicationDirectory);
        log.WriteLine($"Wrote model {manifest.Version} ({heads.Labels.Count} labels, {heads.Vocabulary.Count} n-grams, "
            + $"{encoderInfo.Sum(e => e.Dimension)} encoder dimensions) to {request.OutputDirectory}.");
        return manifest;
    }

    /// <summary>Trains on <paramref name="fit"/> and scores <paramref name="heldOut"/> (calibrating a hinge head's scores there first).</summary>
    private static (ScoredExample[] Scored, double ScoreScale) ScoreHeldOut(
        IReadOnlyList<LabeledExample> fit, IReadOnlyList<LabeledExample> heldOut, TrainingRequest request, IReadOnlyList<SentenceEncoder> encoders, TextWriter log)
    {
        log.WriteLine($"Choosing the threshold: training on {fit.Count} rows, scoring {heldOut.Count}.");
        var scoring = Fit(fit, request, encoders);
        var scoreScale = request.Regression.Loss == HeadLoss.Softmax ? 1 : ScoreCalibration.ChooseScale(scoring, heldOut);
        if (scoreScale != 1)
        {
            log.WriteLine($"Scores scaled by {scoreScale:F2} so that their softmax fits the held-out rows' labels best.");
            scoring = scoring.WithScoreScale(scoreScale);
        }

        return (scoring.Score(heldOut), scoreScale);
    }

    /// <summary>Every row scored once, by the model trained on the other folds (<see cref="StratifiedFolds"/>).</summary>
    private static ScoredExample[] ScoreByFolds(IReadOnlyList<LabeledExample> data, TrainingRequest request, IReadOnlyList<SentenceEncoder> encoders, TextWriter log)
    {
        // Embed every row once, in one pass, before any fold: the int8 encoder's vectors depend a little on which
        // texts share a batch, and this way the shipped heads see the same vectors whatever the number of folds.
        foreach (var encoder in encoders)
        {
            encoder.EmbedMany([.. data.Select(e => e.Text)]);
        }

        var folds = StratifiedFolds.Assign(data, request.Folds, request.Regression.Seed);
        var scored = new List<ScoredExample>(data.Count);
        for (var fold = 0; fold < request.Folds; fold++)
        {
            var fit = data.Where((_, i) => folds[i] != fold).ToArray();
            var heldOut = data.Where((_, i) => folds[i] == fold).ToArray();
            log.WriteLine($"Choosing the threshold, fold {fold + 1} of {request.Folds}: training on {fit.Length} rows, scoring {heldOut.Length}.");
            scored.AddRange(Fit(fit, request, encoders).Score(heldOut));
        }

        return [.. scored];
    }

    /// <summary>Builds the vocabulary and trains the heads on the given rows.</summary>
    public static TrainedHeads Fit(IReadOnlyList<LabeledExample> examples, TrainingRequest request, IReadOnlyList<SentenceEncoder> encoders)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(encoders);
        var vocabulary = VocabularyBuilder.Build(examples.Select(e => e.Text), request.MinCount);
        var featurizer = new IntentFeaturizer(vocabulary, encoders, [.. encoders.Select(_ => request.EncoderScale)]);
        var inputs = featurizer.FeaturizeMany([.. examples.Select(e => e.Text)]);
        var labels = examples.Select(e => e.Intent).Distinct().Order(StringComparer.Ordinal).ToArray();
        var intents = LinearHeadTrainer.Train(
            inputs, [.. examples.Select(e => Array.IndexOf(labels, e.Intent))], featurizer.FeatureCount, labels.Length, request.Regression);

        var languages = examples.All(e => e.Language is not null)
            ? examples.Select(e => e.Language!).Distinct().Order(StringComparer.Ordinal).ToArray()
            : [];
        var languageHead = languages.Length >= 2
            ? LinearHeadTrainer.Train(
                inputs, [.. examples.Select(e => Array.IndexOf(languages, e.Language))], featurizer.FeatureCount, languages.Length,
                request.Regression with { LabelSmoothing = 0, Loss = HeadLoss.Softmax })
            : null;
        return new TrainedHeads(featurizer, labels, intents, languageHead is null ? [] : languages, languageHead);
    }

    /// <summary>Reads and joins labelled CSVs.</summary>
    public static IReadOnlyList<LabeledExample> ReadAll(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return [.. paths.SelectMany(LabeledCsv.Read)];
    }

    /// <summary>The SHA-256 of the one training file, or of the files' SHA-256s joined in order when there are several.</summary>
    public static string DataSha256(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.Count == 1
            ? ModelFiles.Sha256Of(paths[0])
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", paths.Select(ModelFiles.Sha256Of)))));
    }

    private static bool IsOutOfScope(LabeledExample example) => example.Intent == IntentModel.OutOfScope;

    /// <summary>The first text of each label, so every intent has a golden check.</summary>
    private static string[] GoldenTexts(IReadOnlyList<LabeledExample> examples) =>
        [.. examples.GroupBy(e => e.Intent).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First().Text)];

    private static string DefaultVersion(IReadOnlyList<string> dataPaths) =>
        $"{DateTime.UtcNow:yyyy.MM.dd}-{DataSha256(dataPaths)[..8]}";

    private static void RequireTwoIntents(IReadOnlyList<LabeledExample> data, string path)
    {
        if (data.Select(e => e.Intent).Where(i => i != IntentModel.OutOfScope).Distinct().Count() < 2)
        {
            throw new InvalidDataException($"{path}: at least two in-scope intents are needed to train a model.");
        }
    }
}
