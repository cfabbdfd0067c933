namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// The optimisation state of one tuning: the layers being trained (changed in place), the temporary head and AdamW
/// with its schedule. Not thread-safe; each step uses all cores inside.
/// </summary>
internal sealed class TuningRun
{
    private readonly LayerTensors[] _layers;
    private readonly TransformerLayer _math;
    private readonly int _classes;
    private readonly EncoderTuning _tuning;
    private readonly float[] _headWeights;
    private readonly float[] _headBias;
    private readonly AdamW _layerOptimizer;
    private readonly AdamW _headOptimizer;
    private readonly int _totalSteps;
    private int _steps;

    public TuningRun(LayerTensors[] layers, TransformerLayer math, int classes, EncoderTuning tuning, int totalSteps)
    {
        _layers = layers;
        _math = math;
        _classes = classes;
        _tuning = tuning;
        var d = layers[0].Hidden;
        _headWeights = new float[d * classes];
        _headBias = new float[classes];
        _layerOptimizer = new AdamW(
            [.. layers.SelectMany(l => l.Tensors)],
            [.. layers.SelectMany(_ => Enum.GetValues<LayerTensor>().Select(LayerTensors.IsMatrix))],
            tuning.WeightDecay);
        _headOptimizer = new AdamW([_headWeights, _headBias], [false, false], 0);
        _totalSteps = Math.Max(1, totalSteps);
    }

    /// <summary>One optimisation step on a batch of texts' frozen token states; returns the batch's summed cross-entropy.</summary>
    public double Step(IReadOnlyList<float[]> tokenStates, IReadOnlyList<int> targets)
    {
        var d = _layers[0].Hidden;
        var batch = tokenStates.Count;
        var tokens = tokenStates.Max(s => s.Length / d);
        var hidden = new float[batch * tokens * d];
        var mask = new float[batch * tokens];
        for (var b = 0; b < batch; b++)
        {
            tokenStates[b].CopyTo(hidden, b * tokens * d);
            mask.AsSpan(b * tokens, tokenStates[b].Length / d).Fill(1);
        }

        var activations = new TransformerLayer.Activations[_layers.Length];
        for (var l = 0; l < _layers.Length; l++)
        {
            (hidden, activations[l]) = _math.Forward(_layers[l], hidden, mask, batch, tokens);
        }

        var (vectors, lengths) = MeanPooling.Forward(hidden, mask, batch, tokens, d);
        var (loss, dVectors, headGradients) = HeadLossAndGradients(vectors, targets, batch, d);

        var gradients = _layers.Select(l => new LayerTensors(l.Hidden, l.FeedForward)).ToArray();
        var dHidden = MeanPooling.Backward(dVectors, vectors, lengths, mask, batch, tokens, d);
        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            dHidden = _math.Backward(_layers[l], activations[l], dHidden, gradients[l]);
        }

        _steps++;
        var schedule = Schedule();
        _layerOptimizer.LearningRate = _tuning.LearningRate * schedule;
        _layerOptimizer.Step([.. gradients.SelectMany(g => g.Tensors)]);
        _headOptimizer.LearningRate = _tuning.HeadLearningRate * schedule;
        _headOptimizer.Step(headGradients);
        return loss;
    }

    /// <summary>Linear warm-up over the first 10% of steps, then linear decay to zero.</summary>
    private double Schedule()
    {
        var warmUp = 0.1 * _totalSteps;
        return _steps < warmUp ? _steps / warmUp : Math.Max(0, (_totalSteps - _steps) / (_totalSteps - warmUp));
    }

    /// <summary>Softmax cross-entropy of scale·(vector·W) + b against the targets; gradients averaged over the batch.</summary>
    private (double Loss, float[] DVectors, float[][] HeadGradients) HeadLossAndGradients(float[] vectors, IReadOnlyList<int> targets, int batch, int d)
    {
        var scale = _tuning.HeadScale;
        var logits = new float[batch * _classes];
        for (var b = 0; b < batch; b++)
        {
            _headBias.CopyTo(logits, b * _classes);
        }

        var scaled = vectors.Select(v => v * scale).ToArray();
        Gemm.Multiply(scaled, _headWeights, logits, batch, d, _classes, accumulate: true);
        var loss = 0.0;
        for (var b = 0; b < batch; b++)
        {
            var row = logits.AsSpan(b * _classes, _classes);
            var max = float.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            for (var c = 0; c < _classes; c++)
            {
                row[c] = MathF.Exp(row[c] - max);
                sum += row[c];
            }

            for (var c = 0; c < _classes; c++)
            {
                row[c] = (float)(row[c] / sum / batch); // now d(mean loss)/d(logit), after the target's −1 below
            }

            loss -= Math.Log(Math.Max(row[targets[b]] * batch, 1e-12));
            row[targets[b]] -= 1f / batch;
        }

        var dWeights = new float[_headWeights.Length];
        Gemm.MultiplyTransposedA(scaled, logits, dWeights, batch, d, _classes);
        var dBias = new float[_classes];
        Gemm.AddColumnSums(logits, batch, _classes, dBias);
        var dVectors = new float[batch * d];
        Gemm.MultiplyTransposedB(logits, _headWeights, dVectors, batch, _classes, d);
        for (var i = 0; i < dVectors.Length; i++)
        {
            dVectors[i] *= scale;
        }

        return (loss, dVectors, [dWeights, dBias]);
    }
}
