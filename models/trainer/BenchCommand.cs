using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// <c>bench --model DIR --data TEST.csv</c>: the kiosk's latency budget measured the way the kiosk pays it —
/// one question at a time on one thread, text in to intent out, tokenization included — plus model load time.
/// </summary>
public static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "Model directory.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV whose 'text' column supplies the questions.", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the questions.", DefaultValueFactory = _ => 20 };

        var command = new Command("bench", "Measure model load time and per-question latency (p50, p99) on one thread.") { model, data, rounds };
        command.SetAction(result => TrainerCli.Run(error, () =>
        {
            var questions = LabeledCsv.Read(result.GetValue(data)!).Select(e => e.Text).ToArray();
            var loadStarted = Stopwatch.GetTimestamp();
            using var intentModel = IntentModel.Load(result.GetValue(model)!);
            var loadMilliseconds = Stopwatch.GetElapsedTime(loadStarted).TotalMilliseconds;

            foreach (var question in questions)
            {
                intentModel.Predict(question); // warm-up: JIT and ONNX Runtime's first-run allocations
            }

            var samples = new List<double>(questions.Length * result.GetValue(rounds));
            for (var round = 0; round < result.GetValue(rounds); round++)
            {
                foreach (var question in questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    intentModel.Predict(question);
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            samples.Sort();
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"model {intentModel.Version}: load {loadMilliseconds:F0} ms"));
            output.WriteLine(string.Create(c,
                $"{samples.Count} questions, one thread: p50 {Percentile(samples, 0.50):F3} ms, p99 {Percentile(samples, 0.99):F3} ms, max {samples[^1]:F3} ms"));
        }));
        return command;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
