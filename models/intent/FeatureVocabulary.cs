using System.Text;

namespace KioskAssist.Intent;

/// <summary>
/// The n-gram features the model knows, each with its row in the weight matrix.
/// Stored beside the ONNX file as one feature per line; the line number is the index.
/// Immutable after construction, so safe to share between threads.
/// </summary>
public sealed class FeatureVocabulary
{
    public const string FileName = "vocab.txt";

    private readonly Dictionary<string, int> _indexByFeature;
    private readonly string[] _features;

    public FeatureVocabulary(IEnumerable<string> features)
    {
        _features = [.. features];
        _indexByFeature = new Dictionary<string, int>(_features.Length, StringComparer.Ordinal);
        for (var i = 0; i < _features.Length; i++)
        {
            if (!_indexByFeature.TryAdd(_features[i], i))
            {
                throw new InvalidDataException($"Feature '{_features[i]}' appears twice in the vocabulary.");
            }
        }
    }

    public int Count => _features.Length;

    public IReadOnlyList<string> Features => _features;

    public bool TryGetIndex(string feature, out int index) => _indexByFeature.TryGetValue(feature, out index);

    public static FeatureVocabulary Load(string path) =>
        new(File.ReadAllLines(path, Encoding.UTF8).Where(line => line.Length > 0));

    public void Save(string path) =>
        File.WriteAllText(path, string.Concat(_features.Select(f => f + "\n")), new UTF8Encoding(false));
}
