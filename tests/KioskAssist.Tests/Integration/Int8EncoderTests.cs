using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;
using KioskAssist.Tests.Support;
using KioskAssist.Trainer;

namespace KioskAssist.Tests.Integration;

/// <summary>
/// The int8 encoder the trainer makes from the package's float encoder, and a model directory that ships it, as the
/// kiosk loads it (real ONNX Runtime, real MiniLM weights).
/// </summary>
[Trait("Category", "Integration")]
public sealed class Int8EncoderTests : IDisposable
{
    private static readonly string[] SliceIntents = ["pay_later", "receipt_request", "item_wont_scan", "greeting", "oos"];
    private readonly TempDirectory _temp = new();

    private static readonly string[] Questions =
    [
        "can I pay in instalments?", "my card was declined twice at the self checkout", "struknya gak keluar", "hi", "2+2",
        "what's the weather in Paris", "the barcode won't scan, it keeps beeping",
    ];

    [Fact]
    public void Gives_nearly_the_float_encoders_vectors_from_a_quarter_of_the_bytes()
    {
        var (onnx, vocabulary) = SentenceEncoder.ReadPackage(EncoderSpec.MiniLm, AppContext.BaseDirectory);
        var int8 = EncoderQuantizer.Quantize(onnx);
        using var full = SentenceEncoder.Load(EncoderSpec.MiniLm, onnx, vocabulary);
        using var quantized = SentenceEncoder.Load(EncoderSpec.MiniLm, int8, vocabulary);

        Assert.InRange(int8.Length, onnx.Length / 5, onnx.Length * 3 / 10);
        foreach (var question in Questions)
        {
            var cosine = full.Embed(question).Zip(quantized.Embed(question), (a, b) => (double)a * b).Sum();
            Assert.True(cosine > 0.98, $"'{question}': cosine {cosine:F4}");
        }

        // Different questions stay apart: quantization noise is far smaller than what separates two meanings.
        var payLater = quantized.Embed(Questions[0]).Zip(full.Embed(Questions[1]), (a, b) => (double)a * b).Sum();
        Assert.True(payLater < 0.9, $"cosine {payLater:F4}");
    }

    [Fact]
    public void Quantizing_twice_gives_the_same_bytes()
    {
        var (onnx, _) = SentenceEncoder.ReadPackage(EncoderSpec.MiniLm, AppContext.BaseDirectory);

        Assert.Equal(EncoderQuantizer.Quantize(onnx), EncoderQuantizer.Quantize(onnx));
    }

    [Fact]
    public void A_model_with_the_int8_encoder_loads_without_the_package_dll_and_gives_its_golden_outputs()
    {
        var model = TrainSlice("--int8-encoder");
        using var noPackages = new TempDirectory();

        using var loaded = IntentModel.Load(model, noPackages.Path);

        var encoder = Assert.Single(loaded.Manifest.Encoders);
        Assert.Equal(EncoderQuantizer.Variant, encoder.Variant);
        Assert.Equal(encoder.Sha256, loaded.Featurizer.Encoders[0].Sha256);
        Assert.True(File.Exists(Path.Combine(model, encoder.OnnxFile!)));
        Assert.Contains(encoder.OnnxFile!, loaded.Manifest.Checksums.Keys);
        Assert.Empty(GoldenExamples.CheckDirectory(loaded));
        Assert.Equal("pay_later", loaded.Predict("can I pay later in instalments").Intent);
    }

    [Fact]
    public void A_tampered_int8_encoder_is_refused_with_the_file_named()
    {
        var model = TrainSlice("--int8-encoder");
        var manifest = ModelManifest.Load(Path.Combine(model, ModelFiles.Manifest));
        var file = Path.Combine(model, manifest.Encoders[0].OnnxFile!);
        var bytes = File.ReadAllBytes(file);
        bytes[^100] ^= 1;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<InvalidDataException>(() => IntentModel.Load(model));

        Assert.Contains(manifest.Encoders[0].OnnxFile!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_with_the_package_encoder_ships_no_encoder_file_and_its_manifest_names_none()
    {
        var model = TrainSlice();

        Assert.DoesNotContain("onnxFile", File.ReadAllText(Path.Combine(model, ModelFiles.Manifest)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(model, "*.int8.onnx"));
        using var loaded = IntentModel.Load(model);
        Assert.Equal(GoldenExamples.Tolerance, GoldenExamples.ToleranceFor(loaded)); // float models keep the tight check
    }

    [Fact]
    public void Retrain_keeps_the_baselines_int8_encoder()
    {
        var baseline = TrainSlice("--int8-encoder");
        var candidate = _temp.File("candidate");

        var (code, _, error) = Run("retrain", "--data", Slice(), "--baseline", baseline, "--out", candidate, "--margin", "0.2");

        Assert.True(code == 0, error);
        var manifest = ModelManifest.Load(Path.Combine(candidate, ModelFiles.Manifest));
        Assert.Equal(EncoderQuantizer.Variant, Assert.Single(manifest.Encoders).Variant);
    }

    private string TrainSlice(params string[] options)
    {
        var model = _temp.File("model");
        var (code, _, error) = Run(["train", "--data", Slice(), "--out", model, "--epochs", "10", .. options]);
        Assert.True(code == 0, error);
        return model;
    }

    private string Slice()
    {
        var path = _temp.File("train.csv");
        if (!File.Exists(path))
        {
            var lines = File.ReadAllLines(RepoPaths.CheckoutTrain);
            var slice = lines.Skip(1).Where(line => SliceIntents.Any(intent => line.EndsWith($",{intent},en", StringComparison.Ordinal) || line.EndsWith($",{intent},id", StringComparison.Ordinal)));
            File.WriteAllLines(path, [lines[0], .. slice]);
        }

        return path;
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
