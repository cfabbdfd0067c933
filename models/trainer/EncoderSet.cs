using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer;

/// <summary>
/// The sentence encoders a training run uses, loaded once with every core and a memory of vectors; disposes them.
/// With <see cref="TrainingRequest.Int8Encoder"/> each is the int8 version made by <see cref="EncoderQuantizer"/>, which
/// the model directory then ships (the head is trained on exactly the vectors the kiosk will compute).
/// </summary>
public sealed class EncoderSet : IDisposable
{
    private readonly IReadOnlyList<(byte[] Onnx, byte[] Vocabulary)?> _shipped;

    private EncoderSet(IReadOnlyList<SentenceEncoder> loaded, IReadOnlyList<(byte[] Onnx, byte[] Vocabulary)?> shipped)
    {
        Loaded = loaded;
        _shipped = shipped;
    }

    public IReadOnlyList<SentenceEncoder> Loaded { get; }

    public static EncoderSet Load(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = new List<SentenceEncoder>();
        var shipped = new List<(byte[] Onnx, byte[] Vocabulary)?>();
        var applicationDirectory = request.ApplicationDirectory ?? AppContext.BaseDirectory;
        try
        {
            foreach (var name in request.Encoders)
            {
                var spec = EncoderSpec.ByName(name);
                if (request.Int8Encoder)
                {
                    var (onnx, vocabulary) = SentenceEncoder.ReadPackage(spec, applicationDirectory);
                    var int8 = EncoderQuantizer.Quantize(onnx);
                    loaded.Add(SentenceEncoder.Load(spec, int8, vocabulary, Environment.ProcessorCount, remember: true));
                    shipped.Add((int8, vocabulary));
                }
                else
                {
                    loaded.Add(SentenceEncoder.Load(spec, applicationDirectory, Environment.ProcessorCount, remember: true));
                    shipped.Add(null);
                }
            }

            return new EncoderSet(loaded, shipped);
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
                info = info with
                {
                    OnnxFile = $"{encoder.Spec.Name}.{EncoderQuantizer.Variant}.onnx",
                    VocabularyFile = $"{encoder.Spec.Name}.vocab.txt",
                    Variant = EncoderQuantizer.Variant,
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
