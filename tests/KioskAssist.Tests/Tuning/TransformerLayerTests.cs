using KioskAssist.Intent.Encoders;
using KioskAssist.Trainer.Tuning;

namespace KioskAssist.Tests.Tuning;

/// <summary>
/// The hand-written encoder layer fine-tuning trains through: its forward pass against ONNX Runtime on MiniLM's real
/// weights, its gradients against finite differences, its helpers against known values.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TransformerLayerTests
{
    private static readonly string[] Questions = ["can I pay in instalments?", "struknya gak keluar", "hi", "the barcode won't scan, it keeps beeping"];

    [Fact]
    public void The_top_layer_computed_by_hand_matches_onnx_runtime_on_minilm()
    {
        var (onnx, vocabulary) = SentenceEncoder.ReadPackage(EncoderSpec.MiniLm, AppContext.BaseDirectory);
        var graph = EncoderLayerGraph.Read(onnx);
        var top = graph.Layers.Count - 1;
        using var encoder = SentenceEncoder.Load(EncoderSpec.MiniLm, graph.WithLayerInputOutput(top), vocabulary);
        var below = encoder.TokenStates(Questions, graph.LayerInputs[top]);
        var expected = encoder.TokenStates(Questions, "last_hidden_state");
        var d = graph.Layers[top].Hidden;
        var tokens = below.Max(s => s.Length) / d;
        var (input, mask) = Pad(below, d, tokens); // padded as in training, so the attention mask is exercised too

        var (output, _) = new TransformerLayer(EncoderSpec.MiniLm.AttentionHeads, graph.NormEpsilon).Forward(graph.Layers[top], input, mask, Questions.Length, tokens);

        Assert.Equal(6, graph.Layers.Count);
        Assert.Equal(1e-12f, graph.NormEpsilon);
        for (var b = 0; b < Questions.Length; b++)
        {
            var worst = expected[b].Select((v, i) => Math.Abs(v - output[(b * tokens * d) + i])).Max();
            Assert.True(worst < 1e-3, $"'{Questions[b]}': largest difference {worst}");
        }
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        const int d = 8, feedForward = 12, heads = 2, batch = 2, tokens = 3;
        var random = new Random(5);
        var weights = new LayerTensors(d, feedForward);
        foreach (var tensor in weights.Tensors)
        {
            for (var i = 0; i < tensor.Length; i++)
            {
                tensor[i] = (float)(random.NextDouble() - 0.5);
            }
        }

        var input = Enumerable.Range(0, batch * tokens * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] mask = [1, 1, 1, 1, 1, 0]; // the second text is one token shorter
        var direction = Enumerable.Range(0, batch * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var layer = new TransformerLayer(heads, 1e-5f);
        double Loss(float[] x)
        {
            var (output, _) = layer.Forward(weights, x, mask, batch, tokens);
            var (vectors, _) = MeanPooling.Forward(output, mask, batch, tokens, d);
            return vectors.Zip(direction, (v, r) => (double)v * r).Sum();
        }

        var (output, activations) = layer.Forward(weights, input, mask, batch, tokens);
        var (vectors, lengths) = MeanPooling.Forward(output, mask, batch, tokens, d);
        var gradients = new LayerTensors(d, feedForward);
        var inputGradient = layer.Backward(weights, activations, MeanPooling.Backward(direction, vectors, lengths, mask, batch, tokens, d), gradients);

        foreach (var tensor in Enum.GetValues<LayerTensor>())
        {
            for (var probe = 0; probe < 3; probe++)
            {
                var i = random.Next(weights[tensor].Length);
                var numeric = Central(weights[tensor], i, () => Loss(input));
                AssertClose(numeric, gradients[tensor][i], $"{tensor}[{i}]");
            }
        }

        foreach (var i in new[] { 0, 5, 17, 30 }) // 30 is in the second text's padding: no gradient
        {
            AssertClose(Central(input, i, () => Loss(input)), inputGradient[i], $"input[{i}]");
        }
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204999)]
    [InlineData(1.0, 0.8427008)]
    [InlineData(-2.0, -0.9953223)]
    [InlineData(3.5, 0.9999993)]
    public void Erf_matches_tabulated_values(double x, double expected) =>
        Assert.Equal(expected, TransformerLayer.Erf((float)x), 1e-6);

    [Fact]
    public void Products_do_not_depend_on_the_order_they_are_asked_in()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 37 * 19).Select(_ => (float)random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 19 * 23).Select(_ => (float)random.NextDouble()).ToArray();
        var product = new float[37 * 23];
        Gemm.Multiply(a, b, product, 37, 19, 23);

        var viaTransposes = new float[37 * 23];
        Gemm.MultiplyTransposedB(a, Gemm.Transpose(b, 19, 23), viaTransposes, 37, 19, 23);
        var naive = new float[37 * 23];
        for (var i = 0; i < 37; i++)
        {
            for (var j = 0; j < 23; j++)
            {
                for (var k = 0; k < 19; k++)
                {
                    naive[(i * 23) + j] += a[(i * 19) + k] * b[(k * 23) + j];
                }
            }
        }

        Assert.Equal(naive, product); // the same sums in the same order, so bit for bit
        Assert.Equal(product, viaTransposes);
    }

    private static double Central(float[] values, int i, Func<double> loss)
    {
        const float step = 1e-2f;
        var kept = values[i];
        values[i] = kept + step;
        var up = loss();
        values[i] = kept - step;
        var down = loss();
        values[i] = kept;
        return (up - down) / (2 * step);
    }

    private static void AssertClose(double numeric, double analytic, string what) =>
        Assert.True(Math.Abs(numeric - analytic) <= 2e-3 + (0.03 * Math.Abs(numeric)), $"{what}: finite differences {numeric:G5}, backward {analytic:G5}");

    private static (float[] Input, float[] Mask) Pad(float[][] states, int d, int tokens)
    {
        var input = new float[states.Length * tokens * d];
        var mask = new float[states.Length * tokens];
        for (var b = 0; b < states.Length; b++)
        {
            states[b].CopyTo(input, b * tokens * d);
            mask.AsSpan(b * tokens, states[b].Length / d).Fill(1);
        }

        return (input, mask);
    }
}
