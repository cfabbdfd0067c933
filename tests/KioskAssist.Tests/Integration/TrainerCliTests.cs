using System.Text.Json;
using KioskAssist.Intent;
using KioskAssist.Tests.Support;
using KioskAssist.Trainer;

namespace KioskAssist.Tests.Integration;

/// <summary>The trainer's three commands as an operator types them, on a slice of the real checkout data.</summary>
[Trait("Category", "Integration")]
public sealed class TrainerCliTests : IDisposable
{
    private static readonly string[] SliceIntents = ["pay_later", "receipt_request", "item_wont_scan", "greeting", "oos"];
    private readonly TempDirectory _temp = new();

    public TrainerCliTests()
    {
        var lines = File.ReadAllLines(RepoPaths.CheckoutTrain);
        var slice = lines.Skip(1).Where(line => SliceIntents.Any(intent => line.EndsWith($",{intent},en", StringComparison.Ordinal) || line.EndsWith($",{intent},id", StringComparison.Ordinal)));
        File.WriteAllLines(Train, [lines[0], .. slice]);
    }

    private string Train => _temp.File("train.csv");

    private string ModelDirectory => _temp.File("model");

    [Fact]
    public void Train_writes_a_model_directory_the_kiosk_accepts()
    {
        var (code, output, _) = Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");

        Assert.Equal(0, code);
        Assert.Contains("Threshold", output, StringComparison.Ordinal);
        using var model = IntentModel.Load(ModelDirectory);
        Assert.Equal(SliceIntents.Order(StringComparer.Ordinal), model.Labels);
        Assert.Equal(["en", "id"], model.Manifest.Languages);
        Assert.Empty(GoldenExamples.CheckDirectory(model));
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_files()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "5", "--version", "v1");
        var second = _temp.File("again");
        Run("train", "--data", Train, "--out", second, "--epochs", "5", "--version", "v1");

        foreach (var file in ModelFiles.Checksummed.Append(ModelFiles.Manifest))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(ModelDirectory, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Fact]
    public void Predict_writes_one_line_per_input_line_in_order()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");
        var input = _temp.File("texts.txt");
        File.WriteAllLines(input, ["can I pay later in instalments", "", "what's the weather in Paris", "struk saya gak keluar"]);
        var output = _temp.File("preds.tsv");

        var (code, _, _) = Run("predict", "--model", ModelDirectory, "--input", input, "--output", output);

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(output);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^[a-z_]+\t\d\.\d{4}$", line));
        Assert.StartsWith("pay_later\t", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("oos\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("oos\t", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("receipt_request\t", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_reports_accuracy_recall_precision_and_confusions_as_json()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");

        var (code, output, _) = Run("eval", "--model", ModelDirectory, "--data", Train, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var evaluation = json.RootElement.GetProperty("evaluation");
        Assert.InRange(evaluation.GetProperty("inScopeAccuracy").GetDouble(), 0.9, 1.0);
        Assert.InRange(evaluation.GetProperty("outOfScopeRecall").GetDouble(), 0.8, 1.0);
        Assert.True(evaluation.TryGetProperty("outOfScopePrecision", out _));
        Assert.Equal(SliceIntents.Length, evaluation.GetProperty("perIntent").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, evaluation.GetProperty("mostConfused").ValueKind);
    }

    [Fact]
    public void Eval_writes_a_report_an_operator_can_open()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");
        var report = _temp.File("report");

        var (code, _, _) = Run("eval", "--model", ModelDirectory, "--data", Train, "--report", report);

        Assert.Equal(0, code);
        var html = File.ReadAllText(Path.Combine(report, "report.html"));
        Assert.Contains("in-scope accuracy", html, StringComparison.Ordinal);
        Assert.Contains("Most confused pairs", html, StringComparison.Ordinal);
        Assert.Contains("src=\"rejection.svg\"", html, StringComparison.Ordinal);
        Assert.Contains("data=\"confusion.svg\"", html, StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(report, "rejection.svg")), StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(report, "confusion.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Retrain_accepts_a_candidate_that_does_not_regress_and_writes_it()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");
        var candidate = _temp.File("candidate");

        var (code, output, _) = Run("retrain", "--data", Train, "--baseline", ModelDirectory, "--out", candidate);

        Assert.Equal(0, code);
        Assert.Contains("Accepted", output, StringComparison.Ordinal);
        using var model = IntentModel.Load(candidate);
        Assert.Empty(GoldenExamples.CheckDirectory(model));
    }

    [Fact]
    public void Retrain_refuses_a_candidate_that_regresses_says_why_and_writes_nothing()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10");
        var lines = File.ReadAllLines(Train);
        var mislabelled = _temp.File("mislabelled.csv");
        // A store's bad edit: every receipt question relabelled as pay_later.
        File.WriteAllLines(mislabelled, [lines[0], .. lines.Skip(1).Select(l => l.Replace(",receipt_request,", ",pay_later,", StringComparison.Ordinal))]);
        var candidate = _temp.File("candidate");

        var (code, _, error) = Run("retrain", "--data", mislabelled, "--baseline", ModelDirectory, "--out", candidate, "--check", Train);

        Assert.Equal(RetrainCommand.RefusedExitCode, code);
        Assert.Contains("in-scope accuracy", error, StringComparison.Ordinal);
        Assert.Contains("below the baseline", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(candidate));
    }

    [Fact]
    public void A_hinge_trained_head_gets_calibrated_confidences_and_retrain_keeps_its_loss()
    {
        var (code, output, _) = Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10", "--loss", "SquaredHinge");

        Assert.Equal(0, code);
        using var model = IntentModel.Load(ModelDirectory);
        Assert.Equal("SquaredHinge", model.Manifest.Training.Loss);
        Assert.True(model.Manifest.Training.ScoreScale > 1, $"score scale {model.Manifest.Training.ScoreScale}");
        Assert.Contains("Scores scaled by", output, StringComparison.Ordinal);
        // Raw SVM scores near ±1 would give every one of five labels about 0.2–0.4; scaled, known questions read as sure.
        var known = model.Predict("can I pay later in instalments");
        Assert.Equal("pay_later", known.Intent);
        Assert.True(known.Confidence > 0.8, $"confidence {known.Confidence}");
        Assert.Empty(GoldenExamples.CheckDirectory(model));

        var candidate = _temp.File("candidate");
        Assert.Equal(0, Run("retrain", "--data", Train, "--baseline", ModelDirectory, "--out", candidate).Code);
        using var retrained = IntentModel.Load(candidate);
        Assert.Equal("SquaredHinge", retrained.Manifest.Training.Loss);
    }

    [Fact]
    public void A_minimum_confidence_chosen_on_held_out_rows_is_recorded_and_chosen_again_by_retrain()
    {
        var (code, output, _) = Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10", "--min-confidence", "auto");

        Assert.Equal(0, code);
        Assert.Contains("Minimum confidence", output, StringComparison.Ordinal);
        using (var model = IntentModel.Load(ModelDirectory))
        {
            Assert.True(model.Manifest.Training.MinConfidenceChosen);
            Assert.StartsWith("chosen on the same held-out rows", model.Manifest.Training.MinConfidenceSource, StringComparison.Ordinal);
            Assert.InRange(model.Manifest.MinConfidence, 0f, 1f);
            Assert.Empty(GoldenExamples.CheckDirectory(model));
        }

        var candidate = _temp.File("candidate");
        Assert.Equal(0, Run("retrain", "--data", Train, "--baseline", ModelDirectory, "--out", candidate).Code);
        using var retrained = IntentModel.Load(candidate);
        Assert.True(retrained.Manifest.Training.MinConfidenceChosen);
    }

    [Fact]
    public void A_given_minimum_confidence_is_shipped_as_given_kept_by_retrain_and_checked()
    {
        Assert.Equal(0, Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "10", "--min-confidence", "0.3").Code);
        using (var model = IntentModel.Load(ModelDirectory))
        {
            Assert.Equal(0.3f, model.Manifest.MinConfidence);
            Assert.False(model.Manifest.Training.MinConfidenceChosen);
            // Whatever the model answers, it answers at 0.3 or more.
            foreach (var question in new[] { "can I pay later", "receipt", "hello", "why is the sky blue", "struk" })
            {
                var prediction = model.Predict(question);
                Assert.True(prediction.IsOutOfScope || prediction.Confidence >= 0.3f, $"{question}: {prediction.Intent} at {prediction.Confidence}");
            }
        }

        var candidate = _temp.File("candidate");
        Assert.Equal(0, Run("retrain", "--data", Train, "--baseline", ModelDirectory, "--out", candidate).Code);
        using (var retrained = IntentModel.Load(candidate))
        {
            Assert.Equal(0.3f, retrained.Manifest.MinConfidence);
        }

        var (code, _, error) = Run("train", "--data", Train, "--out", _temp.File("bad"), "--min-confidence", "1.5");
        Assert.Equal(2, code);
        Assert.Contains("--min-confidence", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_and_an_in_scope_budget_are_recorded_and_kept_by_retrain()
    {
        var (code, output, _) = Run(
            "train", "--data", Train, "--out", ModelDirectory, "--epochs", "10", "--min-confidence", "auto", "--folds", "3", "--max-in-scope-cost", "0.02");

        Assert.Equal(0, code);
        Assert.Contains("fold 3 of 3", output, StringComparison.Ordinal);
        var rows = File.ReadLines(Train).Count() - 1;
        using (var model = IntentModel.Load(ModelDirectory))
        {
            Assert.Equal(3, model.Manifest.Training.Folds);
            Assert.Equal(0.02, model.Manifest.Training.MaxInScopeCost);
            // Every training row was scored once, out of fold.
            Assert.StartsWith($"every training row, scored in 3 folds by a model that did not train on it ({rows} rows", model.Manifest.Training.ThresholdSource, StringComparison.Ordinal);
            Assert.Empty(GoldenExamples.CheckDirectory(model));
        }

        var candidate = _temp.File("candidate");
        Assert.Equal(0, Run("retrain", "--data", Train, "--baseline", ModelDirectory, "--out", candidate).Code);
        using (var retrained = IntentModel.Load(candidate))
        {
            Assert.Equal(3, retrained.Manifest.Training.Folds);
            Assert.Equal(0.02, retrained.Manifest.Training.MaxInScopeCost);
        }

        Assert.Equal(2, Run("train", "--data", Train, "--out", _temp.File("bad"), "--folds", "0").Code);
        var (badCode, _, error) = Run("train", "--data", Train, "--out", _temp.File("bad2"), "--max-in-scope-cost", "2");
        Assert.Equal(2, badCode);
        Assert.Contains("--max-in-scope-cost", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_model_is_refused_with_the_file_named()
    {
        Run("train", "--data", Train, "--out", ModelDirectory, "--epochs", "5");
        File.AppendAllText(Path.Combine(ModelDirectory, ModelFiles.Vocabulary), "w:injected\n");

        var (code, _, error) = Run("eval", "--model", ModelDirectory, "--data", Train);

        Assert.Equal(2, code);
        Assert.Contains("vocab.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_file_without_an_intent_column_is_a_clear_error()
    {
        var bad = _temp.File("bad.csv");
        File.WriteAllText(bad, "text,label\nhello,greeting\n");

        var (code, _, error) = Run("train", "--data", bad, "--out", ModelDirectory);

        Assert.Equal(2, code);
        Assert.Contains("'intent'", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TrainerCli.Create(output, error).Parse(args).Invoke();
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
