using System.CommandLine;
using System.Globalization;
using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary><c>predict --model DIR --input TEXTS.txt --output PREDS.tsv</c>: one <c>intent&lt;TAB&gt;confidence</c> line per input line.</summary>
public static class PredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "Model directory.", Required = true };
        var input = new Option<string>("--input") { Description = "Text file, one question per line.", Required = true };
        var outputFile = new Option<string>("--output") { Description = "TSV to write: intent and confidence per input line, in order.", Required = true };

        var command = new Command("predict", "Predict the intent of each line of a text file ('oos' when rejected).") { model, input, outputFile };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            using var intentModel = IntentModel.Load(result.GetValue(model)!);
            var lines = File.ReadAllLines(result.GetValue(input)!);
            using var writer = new StreamWriter(result.GetValue(outputFile)!) { NewLine = "\n" };
            foreach (var line in lines)
            {
                var prediction = intentModel.Predict(line);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prediction.Intent}\t{prediction.Confidence:F4}"));
            }

            output.WriteLine($"Predicted {lines.Length} lines with model {intentModel.Version}.");
        }));
        return command;
    }
}
