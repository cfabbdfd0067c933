using System.Globalization;
using KioskAssist.Intent;

namespace KioskAssist.Trainer.Retraining;

/// <summary>
/// A store's retrain in one step: train a candidate on the store's data, measure it and the model the kiosks run now
/// (the baseline) on check rows the candidate never saw, and refuse the candidate, saying why, when it is worse than
/// the baseline by more than a margin.
/// </summary>
/// <remarks>
/// Check rows are the store's independent check file when given (best: the baseline never saw it either), otherwise
/// a seeded stratified share of the store's data. The baseline is measured only on check rows of intents it knows,
/// so a newly added intent does not count against it; the candidate's score on the new intents is reported apart.
/// When the check rows come from the training data the baseline may have been trained on them, which flatters it:
/// the margin absorbs that, and a check file avoids it.
/// </remarks>
public static class StoreRetrainer
{
    public static RetrainDecision Retrain(TrainingRequest request, string baselineDirectory, string? checkPath, double margin, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var data = ModelTrainer.ReadAll(request.DataPaths);
        IReadOnlyList<LabeledExample> check;
        IReadOnlyList<string> candidateData;
        using var scratch = new ScratchDirectory();
        if (checkPath is not null)
        {
            check = LabeledCsv.Read(checkPath);
            candidateData = request.DataPaths;
            log.WriteLine($"Check rows: {check.Count} from {Path.GetFileName(checkPath)}.");
        }
        else
        {
            (var fit, check) = StratifiedSplit.Split(data, request.HoldOutFraction, request.Regression.Seed);
            candidateData = [scratch.WriteCsv("fit.csv", fit)];
            log.WriteLine($"Check rows: {check.Count} held out of the store's {data.Count} ({request.HoldOutFraction:P0}, seed {request.Regression.Seed}).");
        }

        var candidateDirectory = Path.Combine(scratch.Path, "candidate");
        ModelTrainer.Train(request with { DataPaths = candidateData, OutputDirectory = candidateDirectory }, TextWriter.Null);
        using var candidate = IntentModel.Load(candidateDirectory, request.ApplicationDirectory);
        using var baseline = IntentModel.Load(baselineDirectory, request.ApplicationDirectory);

        var known = check.Where(e => baseline.Labels.Contains(e.Intent) || e.Intent == IntentModel.OutOfScope).ToArray();
        var candidateOnKnown = Measure(candidate, known);
        var baselineOnKnown = Measure(baseline, known);
        var reasons = new List<string>();
        Compare("in-scope accuracy", candidateOnKnown.InScopeAccuracy, baselineOnKnown.InScopeAccuracy, margin, reasons);
        Compare("out-of-scope recall", candidateOnKnown.OutOfScopeRecall, baselineOnKnown.OutOfScopeRecall, margin, reasons);

        var newIntents = check.Where(e => !baseline.Labels.Contains(e.Intent) && e.Intent != IntentModel.OutOfScope).ToArray();
        log.WriteLine(F($"Baseline {baseline.Version}: in-scope accuracy {P(baselineOnKnown.InScopeAccuracy)}, out-of-scope recall {P(baselineOnKnown.OutOfScopeRecall)} on {known.Length} rows of intents it knows."));
        log.WriteLine(F($"Candidate:            in-scope accuracy {P(candidateOnKnown.InScopeAccuracy)}, out-of-scope recall {P(candidateOnKnown.OutOfScopeRecall)} on the same rows."));
        if (newIntents.Length > 0)
        {
            var onNew = Measure(candidate, newIntents);
            log.WriteLine(F($"Candidate on {newIntents.Length} rows of intents new to the baseline ({string.Join(", ", newIntents.Select(e => e.Intent).Distinct())}): accuracy {P(onNew.InScopeAccuracy)}."));
            Compare("accuracy on the new intents", onNew.InScopeAccuracy, baselineOnKnown.InScopeAccuracy, Math.Max(margin, 0.15), reasons);
        }

        return new RetrainDecision(reasons.Count == 0, reasons, candidateOnKnown, baselineOnKnown, known.Length);
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
