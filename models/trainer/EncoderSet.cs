using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;
using KioskAssist.Trainer.Tuning;

namespace KioskAssist.Trainer;

/// <summary>
/// The sentence encoders a training run uses, loaded once with every core and a memory of vectors; disposes them.
/// With <see cref="TrainingRequest.Int8Encoder"/> each is the int8 version made by <see cref="EncoderQuantizer"/>, which
/// the model directory then ships (the head is trained on exactly the vectors the kiosk will compute).
/// </summary>
public sealed class EncoderSet : IDisposable
{
    private readonly IReadOnlyList<(byte[] Onnx, byte[] Vocabulary)?> _shipped;

    private readonly bool _tuned;
    private readonly bool _int8;

    private EncoderSet(IReadOnlyList<SentenceEncoder> loaded, IReadOnlyList<(byte[] Onnx, byte[] Vocabulary)?> shipped, bool tuned, bool int8)
    {
        Loaded = loaded;
        _shipped = shipped;
        _tuned = tuned;
        _int8 = int8;
    }

    /// <summary>Variant name of an encoder whose top layers were fine-tuned on the model's own data.</summary>
    public const string TunedVariant = "tuned";

    public IReadOnlyList<SentenceEncoder> Loaded { get; }

    /// <param name="tuningRows">The rows <see cref="TrainingRequest.Tuning"/> fine-tunes the encoders on (the threshold model's).</param>
    public static EncoderSet Load(TrainingRequest request, IReadOnlyList<LabeledExample> tuningRows, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tuningRows);
        ArgumentNullException.ThrowIfNull(log);
        var loaded = new List<SentenceEncoder>();
        var shipped = new List<(byte[] Onnx, byte[] Vocabulary)?>();
        var applicationDirectory = request.ApplicationDirectory ?? AppContext.BaseDirectory;
        try
        {
            foreach (var name in request.Encoders)
            {
                var spec = EncoderSpec.ByName(name);
                if (!request.Int8Encoder && request.Tuning.Layers == 0)
                {
                    loaded.Add(SentenceEncoder.Load(spec, applicationDirectory, Environment.ProcessorCount, remember: true));
                    shipped.Add(null);
                    continue;
                }

                var (onnx, vocabulary) = SentenceEncoder.ReadPackage(spec, applicationDirectory);
                if (request.Tuning.Layers > 0)
                {
                    onnx = EncoderTuner.Tune(spec, onnx, vocabulary, tuningRows, request.Tuning, log);
                }

                if (request.Int8Encoder)
                {
                    onnx = EncoderQuantizer.Quantize(onnx);
                }

                loaded.Add(SentenceEncoder.Load(spec, onnx, vocabulary, Environment.ProcessorCount, remember: true));
                shipped.Add((onnx, vocabulary));
            }

            return new EncoderSet(loaded, shipped, request.Tuning.Layers > 0, request.Int8Encoder);
        }
        catch
        {
            loaded.ForEach(e => e.Dispose());
            throw;
        }
    }

    /// <summary>Writes the encoder files the model ships into <paramref name="directory"/> and describes every encoder for the manifest.</summary>
    public IReadOnlyList<ModelEncoderInfo> WriteFiles(string directory, float scale)
    {
        Directory.CreateDirectory(directory);
        var infos = new List<ModelEncoderInfo>();
        for (var i = 0; i < Loaded.Count; i++)
        {
            var encoder = Loaded[i];
            var info = new ModelEncoderInfo(encoder.Spec.Name, encoder.Sha256, encoder.Dimension, scale);
            if (_shipped[i] is var (onnx, vocabulary))
            {
                var variant = string.Join('-', new[] { _tuned ? TunedVariant : null, _int8 ? EncoderQuantizer.Variant : null }.OfType<string>());
                info = info with
                {
                    OnnxFile = $"{encoder.Spec.Name}.{variant}.onnx",
                    VocabularyFile = $"{encoder.Spec.Name}.vocab.txt",
                    Variant = variant,
                };
                File.WriteAllBytes(Path.Combine(directory, info.OnnxFile), onnx);
                File.WriteAllBytes(Path.Combine(directory, info.VocabularyFile), vocabulary);
            }

            infos.Add(info);
        }

        return infos;
    }

    public void Dispose()
    {
        foreach (var encoder in Loaded)
        {
            encoder.Dispose();
        }
    }
}
