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
            var modelBytes = Directory.GetFiles(intentModel.Directory).Sum(f => new FileInfo(f).Length);
            var encoderBytes = intentModel.Manifest.Encoders
                .Where(e => e.OnnxFile is null) // an encoder the model ships is counted in the model directory
                .Sum(e => new FileInfo(Path.Combine(AppContext.BaseDirectory, Intent.Encoders.EncoderSpec.ByName(e.Name).DllPath)).Length);
            output.WriteLine(string.Create(c, $"model {intentModel.Version}: load {loadMilliseconds:F0} ms (encoder included)"));
            output.WriteLine(string.Create(c,
                $"size: model directory {modelBytes / 1e6:F1} MB, encoder package DLL {encoderBytes / 1e6:F1} MB, total {(modelBytes + encoderBytes) / 1e6:F1} MB"));
            output.WriteLine(string.Create(c,
                $"{samples.Count} questions, one thread, end to end: p50 {Percentile(samples, 0.50):F3} ms, p99 {Percentile(samples, 0.99):F3} ms, max {samples[^1]:F3} ms"));
            foreach (var encoder in intentModel.Featurizer.Encoders)
            {
                var encoderSamples = questions.Select(q =>
                {
                    var started = Stopwatch.GetTimestamp();
                    encoder.Embed(q);
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }).Order().ToList();
                output.WriteLine(string.Create(c,
                    $"  of which encoder {encoder.Spec.Name} (tokenization included): p50 {Percentile(encoderSamples, 0.50):F3} ms, p99 {Percentile(encoderSamples, 0.99):F3} ms"));
            }
        }));
        return command;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
