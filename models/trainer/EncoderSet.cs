using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer;

/// <summary>The sentence encoders a training run uses, loaded once with every core and a memory of vectors; disposes them.</summary>
public sealed class EncoderSet : IDisposable
{
    private EncoderSet(IReadOnlyList<SentenceEncoder> loaded) => Loaded = loaded;

    public IReadOnlyList<SentenceEncoder> Loaded { get; }

    public static EncoderSet Load(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = new List<SentenceEncoder>();
        try
        {
            foreach (var name in request.Encoders)
            {
                loaded.Add(SentenceEncoder.Load(
                    EncoderSpec.ByName(name), request.ApplicationDirectory ?? AppContext.BaseDirectory, Environment.ProcessorCount, remember: true));
            }

            return new EncoderSet(loaded);
        }
        catch
        {
            loaded.ForEach(e => e.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var encoder in Loaded)
        {
            encoder.Dispose();
        }
    }
}
