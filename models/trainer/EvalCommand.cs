using System.CommandLine;
using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary><c>eval --model DIR --data TEST.csv [--json]</c></summary>
public static class EvalCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "Model directory.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled CSV ('oos' rows are out-of-scope questions).", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the metrics as JSON." };

        var command = new Command("eval", "Measure a model on labelled data: accuracy, out-of-scope recall and precision, per-intent metrics, confusions.") { model, data, json };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            using var intentModel = IntentModel.Load(result.GetValue(model)!);
            var examples = LabeledCsv.Read(result.GetValue(data)!);
            var predicted = examples.Select(e => intentModel.Predict(e.Text).Intent).ToArray();
            var evaluation = Evaluation.Score([.. examples.Select(e => e.Intent)], predicted);
            if (result.GetValue(json))
            {
                EvaluationReport.WriteJson(evaluation, intentModel.Version, output);
            }
            else
            {
                EvaluationReport.WriteText(evaluation, intentModel.Version, output);
            }
        }));
        return command;
    }
}
