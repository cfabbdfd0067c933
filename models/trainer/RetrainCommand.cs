using System.CommandLine;
using KioskAssist.Intent;
using KioskAssist.Trainer.Retraining;

namespace KioskAssist.Trainer;

/// <summary>
/// <c>retrain --data STORE.csv --baseline DIR --out DIR [--check CHECK.csv] [--margin 0.02]</c>: train a candidate with the
/// baseline's recipe, compare both on rows neither trained on, and keep the new model only when it does not regress
/// (exit code 3 and nothing written when refused).
/// </summary>
public static class RetrainCommand
{
    public const int RefusedExitCode = 3;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Option<string[]>("--data") { Description = "The store's training CSV(s), with any added intents or examples.", Required = true, AllowMultipleArgumentsPerToken = true };
        var baseline = new Option<string>("--baseline") { Description = "The model the kiosks run now.", Required = true };
        var outDir = new Option<string>("--out") { Description = "Where to write the new model when it is accepted.", Required = true };
        var check = new Option<string?>("--check")
        {
            Description = "The store's independent test CSV: both models answer it. Without it each model's own held-out 20% (recorded in its manifest) is compared.",
        };
        var margin = new Option<double>("--margin") { Description = "Largest drop (0–1) in in-scope accuracy or out-of-scope recall still accepted.", DefaultValueFactory = _ => 0.02 };
        var version = new Option<string?>("--version") { Description = "Version of the new model (default: today's date and the data's hash)." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => new LinearHeadOptions().Seed };

        var command = new Command("retrain", "Retrain a store's model, check it against the current one on held-out rows, and refuse it if it regresses.")
        {
            data, baseline, outDir, check, margin, version, seed,
        };
        command.SetAction(result =>
        {
            var refused = false;
            var code = TrainerCli.Run(error, () =>
            {
                var baselineManifest = ModelManifest.Load(Path.Combine(result.GetValue(baseline)!, ModelFiles.Manifest));
                var defaults = new TrainingRequest { DataPaths = [], OutputDirectory = "" };
                var request = defaults with
                {
                    DataPaths = result.GetValue(data)!,
                    OutputDirectory = result.GetValue(outDir)!,
                    Name = baselineManifest.Name,
                    Version = result.GetValue(version),
                    MinOutOfScopeRecall = baselineManifest.Training.MinOutOfScopeRecall ?? defaults.MinOutOfScopeRecall,
                    MinCount = baselineManifest.Training.MinCount,
                    MaxAccuracyLoss = baselineManifest.Training.MaxAccuracyLoss ?? defaults.MaxAccuracyLoss,
                    // Chosen again on the candidate's held-out rows when the baseline chose it; else the baseline's value.
                    MinConfidence = baselineManifest.Training.MinConfidenceChosen ? null : baselineManifest.MinConfidence,
                    Folds = baselineManifest.Training.Folds,
                    MaxInScopeCost = baselineManifest.Training.MaxInScopeCost ?? ThresholdSelector.NoInScopeBudget,
                    Encoders = [.. baselineManifest.Encoders.Select(e => e.Name)],
                    EncoderScale = baselineManifest.Encoders.Count > 0 ? baselineManifest.Encoders[0].Scale : defaults.EncoderScale,
                    Int8Encoder = baselineManifest.Encoders.Any(e => e.Variant == EncoderQuantizer.Variant),
                    Regression = defaults.Regression with
                    {
                        Seed = result.GetValue(seed),
                        Epochs = baselineManifest.Training.Epochs,
                        LearningRate = baselineManifest.Training.LearningRate,
                        L2 = baselineManifest.Training.L2,
                        LabelSmoothing = baselineManifest.Training.LabelSmoothing,
                        Loss = Enum.TryParse<HeadLoss>(baselineManifest.Training.Loss, out var loss) && Enum.IsDefined(loss)
                            ? loss
                            : throw new InvalidDataException($"The baseline's manifest names an unknown training.loss '{baselineManifest.Training.Loss}'."),
                    },
                };
                var decision = StoreRetrainer.Retrain(request, result.GetValue(baseline)!, result.GetValue(check), result.GetValue(margin), output);
                if (!decision.Accepted)
                {
                    refused = true;
                    error.WriteLine("refused: " + string.Join("; ", decision.Reasons) + ". The model the kiosks run is unchanged; nothing was written.");
                    return;
                }

                output.WriteLine($"Accepted: no regression beyond the margin. The new model is in {request.OutputDirectory}.");
            });
            return refused ? RefusedExitCode : code;
        });
        return command;
    }
}
