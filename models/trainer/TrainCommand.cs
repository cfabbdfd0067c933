using System.CommandLine;
using System.Globalization;
using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer;

/// <summary><c>train --data TRAIN.csv [OOS_TRAIN.csv] [--valid VALID.csv [OOS_VALID.csv]] --out DIR</c></summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new TrainingRequest { DataPaths = [], OutputDirectory = "" };
        var data = new Option<string[]>("--data")
        {
            Description = "Training CSV(s) with 'text' and 'intent' columns ('lang' optional); several are joined. Rows labelled 'oos' teach rejection.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var valid = new Option<string[]>("--valid")
        {
            Description = "Validation CSV(s) used to choose the rejection threshold ('oos' rows are what it learns to reject), then trained on; "
                + "without it part of the training data is held out.",
            AllowMultipleArgumentsPerToken = true,
        };
        var outDir = new Option<string>("--out") { Description = "Model directory to write.", Required = true };
        var name = new Option<string>("--name") { Description = "Model name recorded in the manifest.", DefaultValueFactory = _ => "checkout" };
        var version = new Option<string?>("--version") { Description = "Model version (default: today's date and the data's hash)." };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same data and seed give the same model.", DefaultValueFactory = _ => defaults.Regression.Seed };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Regression.Epochs };
        var minCount = new Option<int>("--min-count") { Description = "Keep n-grams seen in at least this many training texts.", DefaultValueFactory = _ => defaults.MinCount };
        var encoder = new Option<string[]>("--encoder")
        {
            Description = $"Frozen sentence encoder(s) beside the n-grams: {string.Join(", ", EncoderSpec.Known.Select(e => e.Name))}, or 'none'.",
            DefaultValueFactory = _ => [.. defaults.Encoders],
            AllowMultipleArgumentsPerToken = true,
        };
        var encoderScale = new Option<float>("--encoder-scale") { Description = "Length of each encoder vector against the n-grams' 1.", DefaultValueFactory = _ => defaults.EncoderScale };
        var int8 = new Option<bool>("--int8-encoder")
        {
            Description = "Ship the encoder's int8 version in the model directory (several times faster per question; the model then needs no package DLL).",
        };
        var learningRate = new Option<double>("--learning-rate") { Description = "AdaGrad step size.", DefaultValueFactory = _ => defaults.Regression.LearningRate };
        var l2 = new Option<double>("--l2") { Description = "L2 penalty.", DefaultValueFactory = _ => defaults.Regression.L2 };
        var minRecall = new Option<double>("--min-oos-recall")
        {
            Description = "Share (0–1) of held-out out-of-scope questions the threshold must reject; the lowest such threshold is chosen.",
            DefaultValueFactory = _ => defaults.MinOutOfScopeRecall,
        };
        var maxLoss = new Option<double>("--max-accuracy-loss")
        {
            Description = "Without any 'oos' rows: the most held-out accuracy (0–1) the threshold may cost; 0 never rejects (closed-world data).",
            DefaultValueFactory = _ => defaults.MaxAccuracyLoss,
        };
        var minConfidence = new Option<string>("--min-confidence")
        {
            Description = "Below this confidence (0–1) the model says 'not sure' even when its 'oos' class loses; 'auto' chooses it on the "
                + "held-out rows (the lowest that maximises right minus wrong answers there). Default 0: none.",
            DefaultValueFactory = _ => "0",
        };
        var folds = new Option<int>("--folds")
        {
            Description = "Choose the threshold and minimum confidence on every training row, scored in this many folds (each by a model that "
                + "did not train on it), instead of on one 20% hold-out: steadier when a few rows change. Default 1: the single hold-out.",
            DefaultValueFactory = _ => defaults.Folds,
        };
        var maxInScopeCost = new Option<double>("--max-in-scope-cost")
        {
            Description = "With 'oos' rows: the most (0–1) of the held-out in-scope right answers the threshold and an 'auto' minimum confidence "
                + "may turn into 'not sure' together; past it the recall floor gives way. Default 1: no budget.",
            DefaultValueFactory = _ => defaults.MaxInScopeCost,
        };
        var loss = new Option<HeadLoss>("--loss") { Description = "Head training loss: Softmax or SquaredHinge.", DefaultValueFactory = _ => defaults.Regression.Loss };
        var smoothing = new Option<double>("--label-smoothing") { Description = "Share of each target spread over all labels.", DefaultValueFactory = _ => defaults.Regression.LabelSmoothing };

        var command = new Command("train", "Train a model directory from labelled CSV.")
        {
            data, valid, outDir, name, version, seed, epochs, minCount, encoder, encoderScale, int8, learningRate, l2, smoothing, loss, minRecall, maxLoss,
            minConfidence, folds, maxInScopeCost,
        };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            var request = defaults with
            {
                DataPaths = result.GetValue(data)!,
                ValidPaths = result.GetValue(valid) ?? [],
                OutputDirectory = result.GetValue(outDir)!,
                Name = result.GetValue(name)!,
                Version = result.GetValue(version),
                MinCount = result.GetValue(minCount),
                Encoders = [.. result.GetValue(encoder)!.Where(e => e != "none")],
                EncoderScale = result.GetValue(encoderScale),
                Int8Encoder = result.GetValue(int8),
                MinOutOfScopeRecall = result.GetValue(minRecall),
                MaxAccuracyLoss = result.GetValue(maxLoss),
                MinConfidence = ParseMinConfidence(result.GetValue(minConfidence)!),
                MaxInScopeCost = result.GetValue(maxInScopeCost) is var cost && cost is >= 0 and <= 1
                    ? cost
                    : throw new InvalidDataException($"--max-in-scope-cost must be a number from 0 to 1, not {cost}."),
                Folds = result.GetValue(folds) is var k && k >= 1 ? k : throw new InvalidDataException($"--folds must be 1 or more, not {k}."),
                Regression = defaults.Regression with
                {
                    Seed = result.GetValue(seed),
                    Epochs = result.GetValue(epochs),
                    LearningRate = result.GetValue(learningRate),
                    L2 = result.GetValue(l2),
                    LabelSmoothing = result.GetValue(smoothing),
                    Loss = result.GetValue(loss),
                },
            };
            ModelTrainer.Train(request, output);
        }));
        return command;
    }

    /// <summary>"auto" → null (choose on held-out rows), else a number 0–1.</summary>
    public static float? ParseMinConfidence(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number is >= 0 and <= 1
            ? number
            : throw new InvalidDataException($"--min-confidence must be 'auto' or a number from 0 to 1, not '{value}'.");
    }
}
