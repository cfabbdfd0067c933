using System.Numerics;
using KioskAssist.Intent;

namespace KioskAssist.Trainer;

/// <summary>
/// A linear head over sparse features trained with per-example AdaGrad: multinomial logistic regression (softmax
/// cross-entropy), or one-vs-rest squared hinge, a linear SVM (<see cref="HeadLoss"/>).
/// </summary>
/// <remarks>
/// Deterministic for a given seed: one thread, a seeded shuffle, and arithmetic that is the same on every x64 machine
/// (the vector loops run across classes element by element; no sums are split by vector width, no fused multiply-add).
/// Each step touches only the rows of the example's features (its n-grams and the encoder dimensions), so an epoch
/// costs (features × classes) per example.
/// </remarks>
public static class LinearHeadTrainer
{
    private const double Epsilon = 1e-8;

    public static LinearHead Train(IReadOnlyList<SparseFeatures> inputs, IReadOnlyList<int> labels, int features, int classes, LinearHeadOptions options)
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
        var smoothing = options.LabelSmoothing / classes;

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var example in order)
            {
                var input = inputs[example];
                Forward(input, weights, bias, classes, probabilities, softmax: options.Loss == HeadLoss.Softmax);
                if (options.Loss == HeadLoss.Softmax)
                {
                    for (var c = 0; c < classes; c++)
                    {
                        probabilities[c] -= smoothing; // now d(loss)/d(logit) for the smoothed target
                    }

                    probabilities[labels[example]] -= 1 - options.LabelSmoothing;
                }
                else
                {
                    SquaredHingeGradient(probabilities, labels[example]);
                }

                for (var c = 0; c < classes; c++)
                {
                    Step(ref bias[c], ref biasHistory[c], probabilities[c], options.LearningRate);
                }

                for (var k = 0; k < input.Count; k++)
                {
                    var row = (int)(input.Indices[k] * classes);
                    StepRow(
                        weights.AsSpan(row, classes), weightHistory.AsSpan(row, classes), probabilities, input.Values[k], options.L2, options.LearningRate);
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

    /// <summary>AdaGrad step for one feature's row: gradient = dLogits × value + l2 × weight, class by class.</summary>
    private static void StepRow(Span<double> weights, Span<double> history, ReadOnlySpan<double> dLogits, double value, double l2, double learningRate)
    {
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vValue = new Vector<double>(value);
            var vL2 = new Vector<double>(l2);
            var vRate = new Vector<double>(learningRate);
            var vEpsilon = new Vector<double>(Epsilon);
            for (; c <= weights.Length - Vector<double>.Count; c += Vector<double>.Count)
            {
                var w = new Vector<double>(weights[c..]);
                var gradient = (new Vector<double>(dLogits[c..]) * vValue) + (vL2 * w);
                var h = new Vector<double>(history[c..]) + (gradient * gradient);
                h.CopyTo(history[c..]);
                (w - (vRate * gradient / (Vector.SquareRoot(h) + vEpsilon))).CopyTo(weights[c..]);
            }
        }

        for (; c < weights.Length; c++)
        {
            Step(ref weights[c], ref history[c], (dLogits[c] * value) + (l2 * weights[c]), learningRate);
        }
    }

    /// <summary>
    /// One-vs-rest squared hinge, LinearSVC's loss: each class's score is pushed to +1 or beyond for its own examples and
    /// to −1 or below for the others; <paramref name="scores"/> become d(loss)/d(score).
    /// </summary>
    private static void SquaredHingeGradient(double[] scores, int label)
    {
        for (var c = 0; c < scores.Length; c++)
        {
            var sign = c == label ? 1.0 : -1.0;
            var shortfall = 1 - (sign * scores[c]);
            scores[c] = shortfall > 0 ? -2 * sign * shortfall : 0;
        }
    }

    /// <summary>The example's logits, or their softmax, into <paramref name="probabilities"/>.</summary>
    private static void Forward(SparseFeatures input, double[] weights, double[] bias, int classes, double[] probabilities, bool softmax)
    {
        Array.Copy(bias, probabilities, classes);
        var logits = probabilities.AsSpan();
        for (var k = 0; k < input.Count; k++)
        {
            var row = weights.AsSpan((int)(input.Indices[k] * classes), classes);
            double value = input.Values[k];
            var c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vValue = new Vector<double>(value);
                for (; c <= classes - Vector<double>.Count; c += Vector<double>.Count)
                {
                    (new Vector<double>(logits[c..]) + (new Vector<double>(row[c..]) * vValue)).CopyTo(logits[c..]);
                }
            }

            for (; c < classes; c++)
            {
                logits[c] += row[c] * value;
            }
        }

        if (!softmax)
        {
            return;
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
