using Microsoft.ML.OnnxRuntime;

namespace KioskAssist.Intent;

/// <summary>
/// A loaded intent model: one ONNX Runtime session plus the shared featurizer and the rejection threshold.
/// </summary>
/// <remarks>
/// Thread-safe: <see cref="Predict"/> may be called from many requests at once (ONNX Runtime sessions allow
/// concurrent runs). The caller owns the instance and disposes it, which releases the native session.
/// </remarks>
public sealed class IntentModel : IDisposable
{
    /// <summary>The label for "the kiosk does not know": never answered.</summary>
    public const string OutOfScope = "oos";

    private static readonly string[] InputNames = [ModelFiles.InputIndices, ModelFiles.InputValues];

    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private readonly int _outOfScopeIndex;

    private IntentModel(string directory, ModelManifest manifest, IReadOnlyList<string> labels, FeatureVocabulary vocabulary, InferenceSession session)
    {
        Directory = directory;
        Manifest = manifest;
        Labels = labels;
        Vocabulary = vocabulary;
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

    public FeatureVocabulary Vocabulary { get; }

    public string Version => Manifest.Version;

    /// <summary>Loads and checks a model directory; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static IntentModel Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new InvalidDataException($"Model directory '{directory}' does not exist.");
        }

        var manifest = ModelManifest.Load(Path.Combine(directory, ModelFiles.Manifest));
        ModelDirectoryCheck.Verify(directory, manifest);
        var labels = File.ReadAllLines(Path.Combine(directory, ModelFiles.Labels)).Where(l => l.Length > 0).ToArray();
        var vocabulary = FeatureVocabulary.Load(Path.Combine(directory, ModelFiles.Vocabulary));

        using var options = new SessionOptions
        {
            // One question at a time on a Pi: a single thread answers fastest and leaves cores to the UI.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var session = new InferenceSession(Path.Combine(directory, ModelFiles.Onnx), options);
        try
        {
            ModelDirectoryCheck.VerifyGraph(session, manifest, labels.Length);
            return new IntentModel(directory, manifest, labels, vocabulary, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IntentPrediction Predict(string text)
    {
        var scores = Score(text);
        if (scores is null)
        {
            return new IntentPrediction(OutOfScope, 0f, OutOfScope, null, 0f);
        }

        var (best, confidence) = BestInScope(scores.Intents);
        var outOfScopeWins = _outOfScopeIndex >= 0 && scores.Intents[_outOfScopeIndex] > confidence;
        var intent = outOfScopeWins || confidence < Manifest.Threshold ? OutOfScope : Labels[best];
        var (language, languageConfidence) = LanguageOf(scores.Languages);
        return new IntentPrediction(intent, confidence, Labels[best], language, languageConfidence);
    }

    /// <summary>Raw probabilities for a text, or null when it has no words at all.</summary>
    public ModelScores? Score(string text)
    {
        var features = NgramFeaturizer.Featurize(text, Vocabulary);
        if (features.Count == 0 && TextNormalizer.Tokenize(text).Count == 0)
        {
            return null;
        }

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

    public void Dispose() => _session.Dispose();
}
