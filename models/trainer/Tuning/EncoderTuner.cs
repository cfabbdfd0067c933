using System.Diagnostics;
using KioskAssist.Intent;
using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Fine-tunes the top layers of a mean-pooled sentence encoder on labelled questions: the pooled, unit-length sentence
/// vector feeds a temporary softmax head over the intents, and the cross-entropy is back-propagated into the layers.
/// Returns the encoder's ONNX with those layers' weights replaced; the intent head is trained afterwards as usual.
/// </summary>
/// <remarks>
/// The frozen layers run once per text through ONNX Runtime (their output is kept in memory), so an epoch costs only
/// the tuned layers' forward and backward passes. Deterministic: seeded shuffle, and arithmetic whose order does not
/// depend on threads or vector width (<see cref="Gemm"/>).
/// </remarks>
public static class EncoderTuner
{
    public static byte[] Tune(EncoderSpec spec, byte[] onnx, byte[] vocabulary, IReadOnlyList<LabeledExample> examples, EncoderTuning tuning, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(tuning);
        ArgumentNullException.ThrowIfNull(log);
        if (spec.Pooling != EncoderPooling.Mean)
        {
            throw new InvalidDataException($"Encoder '{spec.Name}' pools its CLS token; tuning supports mean-pooled encoders only.");
        }

        var graph = EncoderLayerGraph.Read(onnx);
        if (tuning.Layers < 1 || tuning.Layers > graph.Layers.Count)
        {
            throw new ArgumentException($"Encoder '{spec.Name}' has {graph.Layers.Count} layers; cannot tune {tuning.Layers}.", nameof(tuning));
        }

        var first = graph.Layers.Count - tuning.Layers;
        var clock = Stopwatch.StartNew();
        float[][] inputs;
        using (var frozen = SentenceEncoder.Load(spec, graph.WithLayerInputOutput(first), vocabulary, Environment.ProcessorCount))
        {
            inputs = frozen.TokenStates([.. examples.Select(e => e.Text)], graph.LayerInputs[first]);
        }

        var labels = examples.Select(e => e.Intent).Distinct().Order(StringComparer.Ordinal).ToList();
        var targets = examples.Select(e => labels.IndexOf(e.Intent)).ToArray();
        log.WriteLine($"Tuning the top {tuning.Layers} of {graph.Layers.Count} encoder layers on {examples.Count} rows, {labels.Count} labels "
            + $"({tuning.Epochs} epochs; frozen layers ran in {clock.Elapsed.TotalSeconds:F0} s).");

        var layers = graph.Layers.Skip(first).Select(l => l.Clone()).ToArray();
        var stepsPerEpoch = (examples.Count + tuning.BatchSize - 1) / tuning.BatchSize;
        var run = new TuningRun(layers, new TransformerLayer(spec.AttentionHeads, graph.NormEpsilon), labels.Count, tuning, tuning.Epochs * stepsPerEpoch);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(tuning.Seed);
        for (var epoch = 0; epoch < tuning.Epochs; epoch++)
        {
            random.Shuffle(order);
            var loss = 0.0;
            for (var start = 0; start < order.Length; start += tuning.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(tuning.BatchSize, order.Length - start)).ToArray();
                loss += run.Step([.. batch.Select(i => inputs[i])], [.. batch.Select(i => targets[i])]);
            }

            log.WriteLine($"  epoch {epoch + 1}: loss {loss / order.Length:F3} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        return graph.WithTopLayers(layers);
    }
}
