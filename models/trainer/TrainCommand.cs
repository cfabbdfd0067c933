using System.CommandLine;

namespace KioskAssist.Trainer;

/// <summary><c>train --data TRAIN.csv [--valid VALID.csv] --out DIR</c></summary>
public static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var defaults = new SoftmaxRegressionOptions();
        var data = new Option<string>("--data") { Description = "Training CSV with 'text' and 'intent' columns ('lang' optional).", Required = true };
        var valid = new Option<string?>("--valid") { Description = "Validation CSV used to choose the rejection threshold; without it part of the training data is held out." };
        var outDir = new Option<string>("--out") { Description = "Model directory to write.", Required = true };
        var name = new Option<string>("--name") { Description = "Model name recorded in the manifest.", DefaultValueFactory = _ => "checkout" };
        var version = new Option<string?>("--version") { Description = "Model version (default: today's date and the data's hash)." };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same data and seed give the same model.", DefaultValueFactory = _ => defaults.Seed };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Epochs };
        var minCount = new Option<int>("--min-count") { Description = "Keep n-grams seen in at least this many training texts.", DefaultValueFactory = _ => 1 };

        var command = new Command("train", "Train a model directory from labelled CSV.") { data, valid, outDir, name, version, seed, epochs, minCount };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            var request = new TrainingRequest
            {
                DataPath = result.GetValue(data)!,
                ValidPath = result.GetValue(valid),
                OutputDirectory = result.GetValue(outDir)!,
                Name = result.GetValue(name)!,
                Version = result.GetValue(version),
                MinCount = result.GetValue(minCount),
                Regression = defaults with { Seed = result.GetValue(seed), Epochs = result.GetValue(epochs) },
            };
            ModelTrainer.Train(request, output);
        }));
        return command;
    }
}
