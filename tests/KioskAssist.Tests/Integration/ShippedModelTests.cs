using KioskAssist.Intent;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Integration;

/// <summary>The committed checkout model, loaded by ONNX Runtime exactly as the kiosk loads it.</summary>
[Trait("Category", "Integration")]
public sealed class ShippedModelTests : IDisposable
{
    private readonly IntentModel _model = IntentModel.Load(RepoPaths.CheckoutModel);

    [Fact]
    public void Gives_its_golden_outputs()
    {
        Assert.Empty(GoldenExamples.CheckDirectory(_model));
    }

    [Fact]
    public void Holds_its_int8_golden_outputs_to_the_int8_tolerance_which_still_catches_a_wrong_runtime()
    {
        Assert.Equal(GoldenExamples.QuantizedTolerance, GoldenExamples.ToleranceFor(_model));
        var golden = GoldenExamples.Load(Path.Combine(_model.Directory, GoldenExamples.FileName));
        var first = golden.Examples[0];

        // x86 and a Pi 4's NEON differ by up to 5e-4: accepted. qemu's "max" CPU moved one by 0.3: refused.
        Assert.Empty(Shifted(first, 1e-3f).Check(_model));
        Assert.Single(Shifted(first, 0.01f).Check(_model));

        static GoldenExamples Shifted(GoldenExample example, float by) =>
            new([example with { Confidence = example.Confidence > 0.5f ? example.Confidence - by : example.Confidence + by }]);
    }

    [Theory]
    [InlineData("can I pay in instalments?", "pay_later", "en")]
    [InlineData("the barcode won't scan", "item_wont_scan", "en")]
    [InlineData("unexpected item in the bagging area", "bagging_area_error", "en")]
    [InlineData("bisa bayar pakai QRIS gak?", "qr_ewallet_payment", "id")]
    [InlineData("struknya gak keluar", "receipt_request", "id")]
    [InlineData("saya mau minta faktur pajak", "tax_invoice", "id")]
    [InlineData("panggil petugas dong", "talk_to_human", "id")]
    public void Answers_checkout_questions_in_english_and_indonesian(string question, string intent, string language)
    {
        var prediction = _model.Predict(question);

        Assert.Equal(intent, prediction.Intent);
        Assert.Equal(language, prediction.Language);
        Assert.True(prediction.Confidence >= _model.Manifest.Threshold);
    }

    [Theory]
    [InlineData("what is the capital of france")]
    [InlineData("how do I apply for a mortgage")]
    [InlineData("cuaca besok gimana")]
    [InlineData("")]
    [InlineData("\U0001F600\U0001F600")]
    public void Does_not_guess_outside_what_it_knows(string question)
    {
        Assert.True(_model.Predict(question).IsOutOfScope);
    }

    [Theory]
    [InlineData("where are the restrooms", "toilets")]
    [InlineData("toiletnya di mana ya", "toilets")]
    [InlineData("where can I park my car", "parking")]
    [InlineData("parkir motor di mana ya", "parking")]
    [InlineData("is there a prayer room here", "prayer_room")]
    [InlineData("musholanya sebelah mana", "prayer_room")]
    [InlineData("what time do you close tonight", "opening_hours")]
    [InlineData("jam berapa tokonya tutup", "opening_hours")]
    [InlineData("where is customer service", "service_desk")]
    [InlineData("meja informasinya di mana", "service_desk")]
    public void Tells_store_facts_apart(string question, string intent)
    {
        Assert.Equal(intent, _model.Predict(question).Intent);
    }

    [Theory]
    [InlineData("where is the nearest ATM")]
    [InlineData("bisa bayar tagihan listrik di sini?")]
    [InlineData("atm bni ada di sekitar sini?")]
    [InlineData("mau isi pulsa di sini bisa?")]
    public void Does_not_answer_for_what_the_store_does_not_offer(string question)
    {
        var prediction = _model.Predict(question);

        Assert.True(prediction.IsOutOfScope, $"{question}: {prediction.Intent} at {prediction.Confidence:F3}");
    }

    [Fact]
    public void Ships_a_minimum_confidence_chosen_on_out_of_fold_rows_within_its_in_scope_budget()
    {
        var manifest = _model.Manifest;
        Assert.True(manifest.MinConfidence > manifest.Threshold, $"minConfidence {manifest.MinConfidence}, threshold {manifest.Threshold}");
        Assert.True(manifest.Training.MinConfidenceChosen);
        Assert.Equal(10, manifest.Training.Folds);
        Assert.Equal(0.0025, manifest.Training.MaxInScopeCost);
        Assert.StartsWith("every training row, scored in 10 folds", manifest.Training.ThresholdSource, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("where do I put the basket when I'm done")]
    [InlineData("ada diskon pelajar?")]
    public void Says_not_sure_below_its_minimum_confidence_even_when_the_oos_class_loses(string question)
    {
        // Since 2026.12.05.2 the shipped minimum confidence (0.115) sits below what the oos class leaves to it: no question
        // found answers under it. So the shipped model with a raised minimum (0.2) shows the mechanism on real questions
        // the shipped model answers at 0.13 (produce_lookup, pay_later: both wrong).
        var answered = _model.Predict(question);
        Assert.False(answered.IsOutOfScope);
        Assert.InRange(answered.Confidence, _model.Manifest.MinConfidence, 0.2f);

        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(RepoPaths.CheckoutModel))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        }

        var manifestPath = Path.Combine(temp.Path, ModelFiles.Manifest);
        (ModelManifest.Load(manifestPath) with { MinConfidence = 0.2f }).Save(manifestPath);
        using var raised = IntentModel.Load(temp.Path);
        var prediction = raised.Predict(question);

        Assert.True(prediction.IsOutOfScope);
        Assert.True(prediction.BelowMinConfidence);
        Assert.False(prediction.RejectedAtAnyThreshold);
        Assert.Equal(answered.Intent, prediction.BestGuess);
    }

    [Fact]
    public void Meets_the_intent_model_targets_on_the_independent_test_set()
    {
        var examples = LabeledCsv.Read(RepoPaths.CheckoutTest);
        var predicted = examples.Select(e => _model.Predict(e.Text).Intent).ToArray();

        var evaluation = KioskAssist.Trainer.Evaluation.Score([.. examples.Select(e => e.Intent)], predicted);

        Assert.True(evaluation.InScopeAccuracy >= 0.92, $"in-scope accuracy {evaluation.InScopeAccuracy:P1}");
        Assert.True(evaluation.OutOfScopeRecall >= 0.80, $"out-of-scope recall {evaluation.OutOfScopeRecall:P1}");
    }

    [Fact]
    public void Refuses_a_model_trained_with_another_encoder()
    {
        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(RepoPaths.CheckoutModel))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        }

        var manifestPath = Path.Combine(temp.Path, ModelFiles.Manifest);
        var manifest = ModelManifest.Load(manifestPath);
        (manifest with { Encoders = [manifest.Encoders[0] with { Sha256 = new string('0', 64) }] }).Save(manifestPath);

        var error = Assert.Throws<InvalidDataException>(() => IntentModel.Load(temp.Path));

        Assert.Contains("encoder", error.Message, StringComparison.Ordinal);
        Assert.Contains(manifest.Encoders[0].Sha256, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _model.Dispose();
}
