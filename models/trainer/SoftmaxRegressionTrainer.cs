using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// Multinomial logistic regression trained with per-example AdaGrad on sparse features.
/// </summary>
/// <remarks>
/// Deterministic for a given seed: one thread, a seeded shuffle and plain scalar arithmetic (no SIMD whose width
/// depends on the CPU), so the same data gives the same weights on every x64 machine.
/// Each step touches only the rows of the example's n-grams, so an epoch costs (n-grams × classes) per example.
/// </remarks>
public static class SoftmaxRegressionTrainer
{
    private const double Epsilon = 1e-8;

    public static LinearHead Train(IReadOnlyList<SparseFeatures> inputs, IReadOnlyList<int> labels, int features, int classes, SoftmaxRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Count != labels.Count)
        {
            throw new ArgumentException("One label is needed per input.", nameof(labels));
        }

        var weights = new double[(long)features * classes];
        var weightHistory = new double[weights.Length];
        var bias = new double[classes];
        var biasHistory = new double[classes];
        var probabilities = new double[classes];
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        var random = new Random(options.Seed);

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var example in order)
            {
                var input = inputs[example];
                Forward(input, weights, bias, classes, probabilities);
                probabilities[labels[example]] -= 1; // now d(loss)/d(logit)

                for (var c = 0; c < classes; c++)
                {
                    Step(ref bias[c], ref biasHistory[c], probabilities[c], options.LearningRate);
                }

                for (var k = 0; k < input.Count; k++)
                {
                    var row = input.Indices[k] * classes;
                    var value = input.Values[k];
                    for (var c = 0; c < classes; c++)
                    {
                        var gradient = (probabilities[c] * value) + (options.L2 * weights[row + c]);
                        Step(ref weights[row + c], ref weightHistory[row + c], gradient, options.LearningRate);
                    }
                }
            }
        }

        return new LinearHead(
            [.. weights.Select(w => (float)w)],
            [.. bias.Select(b => (float)b)],
            features,
            classes);
    }

    private static void Step(ref double weight, ref double history, double gradient, double learningRate)
    {
        history += gradient * gradient;
        weight -= learningRate * gradient / (Math.Sqrt(history) + Epsilon);
    }

    /// <summary>Softmax of the example's logits into <paramref name="probabilities"/>.</summary>
    private static void Forward(SparseFeatures input, double[] weights, double[] bias, int classes, double[] probabilities)
    {
        Array.Copy(bias, probabilities, classes);
        for (var k = 0; k < input.Count; k++)
        {
            var row = input.Indices[k] * classes;
            for (var c = 0; c < classes; c++)
            {
                probabilities[c] += weights[row + c] * input.Values[k];
            }
        }

        var max = probabilities.Max();
        var sum = 0.0;
        for (var c = 0; c < classes; c++)
        {
            probabilities[c] = Math.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }

        for (var c = 0; c < classes; c++)
        {
            probabilities[c] /= sum;
        }
    }
}
