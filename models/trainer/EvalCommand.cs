using System.CommandLine;
using KioskAssist.Intent;
using KioskAssist.Trainer.Reports;

namespace KioskAssist.Trainer;

/// <summary><c>eval --model DIR --data TEST.csv [--json] [--report DIR]</c></summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "Model directory.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled CSV ('oos' rows are out-of-scope questions).", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the metrics as JSON." };
        var report = new Option<string?>("--report") { Description = "Also write report.html with confusion.svg and rejection.svg to this folder." };

        var command = new Command("eval", "Measure a model on labelled data: accuracy, out-of-scope recall and precision, per-intent metrics, confusions.") { model, data, json, report };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            using var intentModel = IntentModel.Load(result.GetValue(model)!);
            var examples = LabeledCsv.Read(result.GetValue(data)!);
            var predictions = examples.Select(e => intentModel.Predict(e.Text)).ToArray();
            var truth = examples.Select(e => e.Intent).ToArray();
            var evaluation = Evaluation.Score(truth, [.. predictions.Select(p => p.Intent)]);
            if (result.GetValue(json))
            {
                EvaluationReport.WriteJson(evaluation, intentModel.Version, output);
            }
            else
            {
                EvaluationReport.WriteText(evaluation, intentModel.Version, output);
            }

            if (result.GetValue(report) is { } reportDirectory)
            {
                var path = HtmlReport.Write(reportDirectory, Path.GetFileName(result.GetValue(data)!), intentModel.Manifest, truth, predictions, evaluation);
                error.WriteLine($"Report written to {path}");
            }
        }));
        return command;
    }
}
