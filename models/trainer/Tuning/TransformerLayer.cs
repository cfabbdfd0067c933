namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Forward and backward passes of one post-norm BERT encoder layer (self-attention, residual, layer norm, GELU
/// feed-forward, residual, layer norm) over a padded batch [B × T × D], as the sentence encoders' ONNX graphs compute it.
/// </summary>
/// <remarks>
/// Written out by hand because no training framework runs here (see models/MODEL_CARD.md); the trainer's tests check
/// the forward pass against ONNX Runtime and the gradients against finite differences. Padding positions (mask 0)
/// are never attended to, as in the graph's additive −10000 mask.
/// </remarks>
internal sealed class TransformerLayer(int heads, float normEpsilon)
{
    private const float MaskedScore = -10000f;

    /// <summary>Highest power first: the fit's polynomial in t, so erfc(z) = t·exp(−z² + P(t)).</summary>
    private static readonly double[] ErfcCoefficients =
        [0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223];

    /// <summary>What the backward pass needs from the forward pass of one batch.</summary>
    public sealed class Activations
    {
        public required int Batch { get; init; }

        public required int Tokens { get; init; }

        public required float[] Input { get; init; }

        public required float[] Mask { get; init; }

        public required float[] Query { get; init; }

        public required float[] Key { get; init; }

        public required float[] Value { get; init; }

        public required float[] Attention { get; init; }

        public required float[] Context { get; init; }

        public required float[] AttentionNormed { get; init; }

        public required float[] AttentionNormalized { get; init; }

        public required float[] AttentionInverseStd { get; init; }

        public required float[] PreActivation { get; init; }

        public required float[] Activated { get; init; }

        public required float[] OutputNormalized { get; init; }

        public required float[] OutputInverseStd { get; init; }
    }

    /// <summary>The layer's output for <paramref name="input"/> [batch × tokens × D] and its activations.</summary>
    public (float[] Output, Activations Activations) Forward(LayerTensors w, float[] input, float[] mask, int batch, int tokens)
    {
        var d = w.Hidden;
        var f = w.FeedForward;
        var rows = batch * tokens;
        var query = Linear(input, w[LayerTensor.QueryWeight], w[LayerTensor.QueryBias], rows, d, d);
        var key = Linear(input, w[LayerTensor.KeyWeight], w[LayerTensor.KeyBias], rows, d, d);
        var value = Linear(input, w[LayerTensor.ValueWeight], w[LayerTensor.ValueBias], rows, d, d);
        var attention = new float[batch * heads * tokens * tokens];
        var context = new float[rows * d];
        AttendForward(query, key, value, mask, attention, context, batch, tokens, d);

        var attentionOut = Linear(context, w[LayerTensor.AttentionOutputWeight], w[LayerTensor.AttentionOutputBias], rows, d, d);
        AddInPlace(attentionOut, input);
        var (normed, normalized, inverseStd) = NormForward(attentionOut, w[LayerTensor.AttentionNormScale], w[LayerTensor.AttentionNormBias], rows, d);

        var pre = Linear(normed, w[LayerTensor.IntermediateWeight], w[LayerTensor.IntermediateBias], rows, d, f);
        var activated = new float[pre.Length];
        for (var i = 0; i < pre.Length; i++)
        {
            activated[i] = pre[i] * NormalCdf(pre[i]);
        }

        var output = Linear(activated, w[LayerTensor.OutputWeight], w[LayerTensor.OutputBias], rows, f, d);
        AddInPlace(output, normed);
        var (result, outNormalized, outInverseStd) = NormForward(output, w[LayerTensor.OutputNormScale], w[LayerTensor.OutputNormBias], rows, d);
        return (result, new Activations
        {
            Batch = batch,
            Tokens = tokens,
            Input = input,
            Mask = mask,
            Query = query,
            Key = key,
            Value = value,
            Attention = attention,
            Context = context,
            AttentionNormed = normed,
            AttentionNormalized = normalized,
            AttentionInverseStd = inverseStd,
            PreActivation = pre,
            Activated = activated,
            OutputNormalized = outNormalized,
            OutputInverseStd = outInverseStd,
        });
    }

    /// <summary>Adds the weights' gradients into <paramref name="gradients"/> and returns the input's gradient.</summary>
    public float[] Backward(LayerTensors w, Activations a, float[] outputGradient, LayerTensors gradients)
    {
        var d = w.Hidden;
        var f = w.FeedForward;
        var rows = a.Batch * a.Tokens;

        var dOutputSum = NormBackward(outputGradient, a.OutputNormalized, a.OutputInverseStd, w[LayerTensor.OutputNormScale],
            gradients[LayerTensor.OutputNormScale], gradients[LayerTensor.OutputNormBias], rows, d);
        var dActivated = LinearBackward(dOutputSum, a.Activated, w[LayerTensor.OutputWeight],
            gradients[LayerTensor.OutputWeight], gradients[LayerTensor.OutputBias], rows, f, d);
        for (var i = 0; i < dActivated.Length; i++)
        {
            var x = a.PreActivation[i];
            dActivated[i] *= NormalCdf(x) + (x * NormalDensity(x));
        }

        var dNormed = LinearBackward(dActivated, a.AttentionNormed, w[LayerTensor.IntermediateWeight],
            gradients[LayerTensor.IntermediateWeight], gradients[LayerTensor.IntermediateBias], rows, d, f);
        AddInPlace(dNormed, dOutputSum);

        var dAttentionSum = NormBackward(dNormed, a.AttentionNormalized, a.AttentionInverseStd, w[LayerTensor.AttentionNormScale],
            gradients[LayerTensor.AttentionNormScale], gradients[LayerTensor.AttentionNormBias], rows, d);
        var dContext = LinearBackward(dAttentionSum, a.Context, w[LayerTensor.AttentionOutputWeight],
            gradients[LayerTensor.AttentionOutputWeight], gradients[LayerTensor.AttentionOutputBias], rows, d, d);

        var dQuery = new float[rows * d];
        var dKey = new float[rows * d];
        var dValue = new float[rows * d];
        AttendBackward(a, dContext, dQuery, dKey, dValue, d);

        var dInput = dAttentionSum; // the residual path
        AddInPlace(dInput, LinearBackward(dQuery, a.Input, w[LayerTensor.QueryWeight], gradients[LayerTensor.QueryWeight], gradients[LayerTensor.QueryBias], rows, d, d));
        AddInPlace(dInput, LinearBackward(dKey, a.Input, w[LayerTensor.KeyWeight], gradients[LayerTensor.KeyWeight], gradients[LayerTensor.KeyBias], rows, d, d));
        AddInPlace(dInput, LinearBackward(dValue, a.Input, w[LayerTensor.ValueWeight], gradients[LayerTensor.ValueWeight], gradients[LayerTensor.ValueBias], rows, d, d));
        return dInput;
    }

    /// <summary>Φ(x), the standard normal CDF: GELU(x) = x·Φ(x), as the graph's Erf computes it.</summary>
    internal static float NormalCdf(float x) => 0.5f * (1f + Erf(x / MathF.Sqrt(2f)));

    private static float NormalDensity(float x) => MathF.Exp(-0.5f * x * x) / MathF.Sqrt(2f * MathF.PI);

    /// <summary>The error function to ~1e-7 (Numerical Recipes' erfc Chebyshev fit); .NET has none.</summary>
    internal static float Erf(float x)
    {
        double z = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.5 * z));
        var polynomial = 0.0;
        foreach (var coefficient in ErfcCoefficients)
        {
            polynomial = (polynomial * t) + coefficient;
        }

        var erfc = t * Math.Exp((-z * z) + polynomial);
        return (float)(x >= 0 ? 1 - erfc : erfc - 1);
    }

    private static float[] Linear(float[] input, float[] weight, float[] bias, int rows, int inputs, int outputs)
    {
        var result = new float[rows * outputs];
        for (var r = 0; r < rows; r++)
        {
            bias.CopyTo(result, r * outputs);
        }

        Gemm.Multiply(input, weight, result, rows, inputs, outputs, accumulate: true);
        return result;
    }

    /// <summary>Adds dW = inputᵀ·dY and db = Σ dY to the gradients and returns dX = dY·Wᵀ.</summary>
    private static float[] LinearBackward(float[] outputGradient, float[] input, float[] weight, float[] weightGradient, float[] biasGradient, int rows, int inputs, int outputs)
    {
        Gemm.MultiplyTransposedA(input, outputGradient, weightGradient, rows, inputs, outputs, accumulate: true);
        Gemm.AddColumnSums(outputGradient, rows, outputs, biasGradient);
        var inputGradient = new float[rows * inputs];
        Gemm.MultiplyTransposedB(outputGradient, weight, inputGradient, rows, outputs, inputs);
        return inputGradient;
    }

    private (float[] Result, float[] Normalized, float[] InverseStd) NormForward(float[] x, float[] scale, float[] bias, int rows, int d)
    {
        var result = new float[x.Length];
        var normalized = new float[x.Length];
        var inverseStd = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * d, d);
            var mean = 0f;
            foreach (var v in row)
            {
                mean += v;
            }

            mean /= d;
            var variance = 0f;
            foreach (var v in row)
            {
                variance += (v - mean) * (v - mean);
            }

            inverseStd[r] = 1f / MathF.Sqrt((variance / d) + normEpsilon);
            for (var j = 0; j < d; j++)
            {
                var n = (row[j] - mean) * inverseStd[r];
                normalized[(r * d) + j] = n;
                result[(r * d) + j] = (n * scale[j]) + bias[j];
            }
        }

        return (result, normalized, inverseStd);
    }

    private static float[] NormBackward(float[] dy, float[] normalized, float[] inverseStd, float[] scale, float[] dScale, float[] dBias, int rows, int d)
    {
        var dx = new float[dy.Length];
        var dNormalized = new float[d];
        for (var r = 0; r < rows; r++)
        {
            var meanD = 0f;
            var meanDn = 0f;
            for (var j = 0; j < d; j++)
            {
                var i = (r * d) + j;
                dScale[j] += dy[i] * normalized[i];
                dBias[j] += dy[i];
                dNormalized[j] = dy[i] * scale[j];
                meanD += dNormalized[j];
                meanDn += dNormalized[j] * normalized[i];
            }

            meanD /= d;
            meanDn /= d;
            for (var j = 0; j < d; j++)
            {
                var i = (r * d) + j;
                dx[i] = inverseStd[r] * (dNormalized[j] - meanD - (normalized[i] * meanDn));
            }
        }

        return dx;
    }

    private void AttendForward(float[] query, float[] key, float[] value, float[] mask, float[] attention, float[] context, int batch, int tokens, int d)
    {
        var size = d / heads;
        var scale = 1f / MathF.Sqrt(size);
        Parallel.For(0, batch * heads, bh =>
        {
            var (b, h) = (bh / heads, bh % heads);
            for (var i = 0; i < tokens; i++)
            {
                var scores = attention.AsSpan(((bh * tokens) + i) * tokens, tokens);
                var q = query.AsSpan((((b * tokens) + i) * d) + (h * size), size);
                var max = float.NegativeInfinity;
                for (var j = 0; j < tokens; j++)
                {
                    var k = key.AsSpan((((b * tokens) + j) * d) + (h * size), size);
                    var s = 0f;
                    for (var e = 0; e < size; e++)
                    {
                        s += q[e] * k[e];
                    }

                    scores[j] = (s * scale) + (mask[(b * tokens) + j] > 0 ? 0 : MaskedScore);
                    max = Math.Max(max, scores[j]);
                }

                var sum = 0f;
                for (var j = 0; j < tokens; j++)
                {
                    scores[j] = MathF.Exp(scores[j] - max);
                    sum += scores[j];
                }

                var c = context.AsSpan((((b * tokens) + i) * d) + (h * size), size);
                for (var j = 0; j < tokens; j++)
                {
                    scores[j] /= sum;
                    Gemm.AddScaled(c, value.AsSpan((((b * tokens) + j) * d) + (h * size), size), scores[j]);
                }
            }
        });
    }

    private void AttendBackward(Activations a, float[] dContext, float[] dQuery, float[] dKey, float[] dValue, int d)
    {
        var (tokens, size) = (a.Tokens, d / heads);
        var scale = 1f / MathF.Sqrt(size);
        Parallel.For(0, a.Batch * heads, bh =>
        {
            var (b, h) = (bh / heads, bh % heads);
            var dScores = new float[tokens];
            int At(int token) => (((b * tokens) + token) * d) + (h * size);
            for (var i = 0; i < tokens; i++)
            {
                var p = a.Attention.AsSpan(((bh * tokens) + i) * tokens, tokens);
                var dc = dContext.AsSpan(At(i), size);
                var weighted = 0f;
                for (var j = 0; j < tokens; j++)
                {
                    var v = a.Value.AsSpan(At(j), size);
                    var s = 0f;
                    for (var e = 0; e < size; e++)
                    {
                        s += dc[e] * v[e];
                    }

                    dScores[j] = s;
                    weighted += s * p[j];
                    Gemm.AddScaled(dValue.AsSpan(At(j), size), dc, p[j]);
                }

                for (var j = 0; j < tokens; j++)
                {
                    var ds = p[j] * (dScores[j] - weighted) * scale;
                    Gemm.AddScaled(dQuery.AsSpan(At(i), size), a.Key.AsSpan(At(j), size), ds);
                    Gemm.AddScaled(dKey.AsSpan(At(j), size), a.Query.AsSpan(At(i), size), ds);
                }
            }
        });
    }

    private static void AddInPlace(float[] y, float[] x) => Gemm.AddScaled(y, x, 1f);
}
