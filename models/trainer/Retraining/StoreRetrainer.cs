using System.Globalization;
using KioskAssist.Intent;

namespace KioskAssist.Trainer.Retraining;

/// <summary>
/// A store's retrain in one step: train a candidate on the store's data with the baseline's recipe, measure it and the
/// model the kiosks run now (the baseline) the same way on rows neither trained on, and refuse the candidate, saying
/// why, when it is worse by more than a margin.
/// </summary>
/// <remarks>
/// Without a check file the comparison uses what each model measured on its own held-out share (20% of its training
/// data, stratified and seeded, kept out while its threshold was chosen), recorded in its manifest: the candidate's on
/// the store's new data, the baseline's on the data it was made from. Both are then measured on rows they never saw;
/// measuring the baseline on the store's rows instead would flatter it, since it trained on most of them.
/// With a check file (the store's independent test questions) both models answer the same rows; only rows of intents
/// the baseline knows count, and the candidate's accuracy on newly added intents is reported apart.
/// </remarks>
public static class StoreRetrainer
{
    public static RetrainDecision Retrain(TrainingRequest request, string baselineDirectory, string? checkPath, double margin, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var baselineManifest = ModelManifest.Load(Path.Combine(baselineDirectory, ModelFiles.Manifest));
        log.WriteLine($"Training the candidate on {string.Join(", ", request.DataPaths.Select(Path.GetFileName))} with the recipe of baseline {baselineManifest.Version}.");
        var candidateManifest = ModelTrainer.Train(request with { ValidPaths = [] }, log);
        try
        {
            var decision = checkPath is null
                ? CompareHeldOut(candidateManifest, baselineManifest, margin)
                : CompareOnCheckFile(request, baselineDirectory, checkPath, margin, log);
            log.WriteLine(F($"Measured on {decision.Basis}:"));
            log.WriteLine(F($"  baseline {baselineManifest.Version}: in-scope accuracy {P(decision.Baseline.InScopeAccuracy)}, out-of-scope recall {P(decision.Baseline.OutOfScopeRecall)}"));
            log.WriteLine(F($"  candidate {candidateManifest.Version}: in-scope accuracy {P(decision.Candidate.InScopeAccuracy)}, out-of-scope recall {P(decision.Candidate.OutOfScopeRecall)}"));
            if (!decision.Accepted)
            {
                Directory.Delete(request.OutputDirectory, recursive: true);
            }

            return decision;
        }
        catch
        {
            Directory.Delete(request.OutputDirectory, recursive: true);
            throw;
        }
    }

    private static RetrainDecision CompareHeldOut(ModelManifest candidate, ModelManifest baseline, double margin)
    {
        var candidateScores = (candidate.Training.HeldOutInScopeAccuracy ?? double.NaN, candidate.Training.HeldOutOutOfScopeRecall ?? double.NaN);
        var baselineScores = (baseline.Training.HeldOutInScopeAccuracy ?? double.NaN, baseline.Training.HeldOutOutOfScopeRecall ?? double.NaN);
        var reasons = new List<string>();
        if (double.IsNaN(baselineScores.Item1))
        {
            reasons.Add($"baseline {baseline.Version} has no held-out measurement in its manifest (made before format 2); pass --check with the store's test questions");
        }

        Compare("held-out in-scope accuracy", candidateScores.Item1, baselineScores.Item1, margin, reasons);
        Compare("held-out out-of-scope recall", candidateScores.Item2, baselineScores.Item2, margin, reasons);
        return new RetrainDecision(reasons.Count == 0, reasons, "each model's own held-out rows (recorded in its manifest)", candidateScores, baselineScores);
    }

    private static RetrainDecision CompareOnCheckFile(TrainingRequest request, string baselineDirectory, string checkPath, double margin, TextWriter log)
    {
        var check = LabeledCsv.Read(checkPath);
        using var candidate = IntentModel.Load(request.OutputDirectory, request.ApplicationDirectory);
        using var baseline = IntentModel.Load(baselineDirectory, request.ApplicationDirectory);
        var known = check.Where(e => baseline.Labels.Contains(e.Intent) || e.Intent == IntentModel.OutOfScope).ToArray();
        var candidateScores = Measure(candidate, known);
        var baselineScores = Measure(baseline, known);
        var reasons = new List<string>();
        Compare("in-scope accuracy", candidateScores.InScopeAccuracy, baselineScores.InScopeAccuracy, margin, reasons);
        Compare("out-of-scope recall", candidateScores.OutOfScopeRecall, baselineScores.OutOfScopeRecall, margin, reasons);

        var added = check.Where(e => !baseline.Labels.Contains(e.Intent) && e.Intent != IntentModel.OutOfScope).ToArray();
        if (added.Length > 0)
        {
            var onAdded = Measure(candidate, added);
            log.WriteLine(F($"Candidate on {added.Length} check rows of intents new to the baseline ({string.Join(", ", added.Select(e => e.Intent).Distinct())}): accuracy {P(onAdded.InScopeAccuracy)}."));
        }

        return new RetrainDecision(
            reasons.Count == 0, reasons, F($"{known.Length} rows of {Path.GetFileName(checkPath)} whose intents the baseline knows"),
            (candidateScores.InScopeAccuracy, candidateScores.OutOfScopeRecall), (baselineScores.InScopeAccuracy, baselineScores.OutOfScopeRecall));
    }

    private static Evaluation Measure(IntentModel model, IReadOnlyList<LabeledExample> rows) =>
        Evaluation.Score([.. rows.Select(e => e.Intent)], [.. rows.Select(e => model.Predict(e.Text).Intent)]);

    private static void Compare(string metric, double candidate, double baseline, double margin, List<string> reasons)
    {
        if (!double.IsNaN(candidate) && !double.IsNaN(baseline) && candidate < baseline - margin)
        {
            reasons.Add(F($"{metric} {P(candidate)} is more than {margin * 100:F1} points below the baseline's {P(baseline)}"));
        }
    }

    private static string P(double ratio) => double.IsNaN(ratio) ? "-" : (ratio * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
