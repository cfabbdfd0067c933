namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov and Hutter), the optimiser BERT fine-tuning uses, over a list of
/// tensors. The caller sets <see cref="LearningRate"/> before each step (warm-up and decay). Not thread-safe.
/// </summary>
internal sealed class AdamW(IReadOnlyList<float[]> parameters, IReadOnlyList<bool> decays, double weightDecay)
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private readonly float[][] _first = [.. parameters.Select(p => new float[p.Length])];
    private readonly float[][] _second = [.. parameters.Select(p => new float[p.Length])];
    private int _steps;

    public double LearningRate { get; set; }

    /// <summary>One step against <paramref name="gradients"/>, given in the parameters' order.</summary>
    public void Step(IReadOnlyList<float[]> gradients)
    {
        _steps++;
        var firstCorrection = 1 - Math.Pow(Beta1, _steps);
        var secondCorrection = 1 - Math.Pow(Beta2, _steps);
        for (var t = 0; t < parameters.Count; t++)
        {
            var (p, g, m, v) = (parameters[t], gradients[t], _first[t], _second[t]);
            var decay = decays[t] ? (float)(LearningRate * weightDecay) : 0f;
            for (var i = 0; i < p.Length; i++)
            {
                m[i] = (float)((Beta1 * m[i]) + ((1 - Beta1) * g[i]));
                v[i] = (float)((Beta2 * v[i]) + ((1 - Beta2) * g[i] * g[i]));
                var update = LearningRate * (m[i] / firstCorrection) / (Math.Sqrt(v[i] / secondCorrection) + Epsilon);
                p[i] = (float)(p[i] - update) - (decay * p[i]);
            }
        }
    }
}
