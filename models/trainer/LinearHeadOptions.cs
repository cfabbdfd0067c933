namespace KioskAssist.Trainer;

/// <summary>
/// Settings for <see cref="LinearHeadTrainer"/>. The defaults were chosen on CLINC150's validation split with the
/// MiniLM encoder beside the n-grams (see models/MODEL_CARD.md); the shipped checkout model records its own in its manifest.
/// </summary>
public sealed record LinearHeadOptions
{
    public int Epochs { get; init; } = 10;

    /// <summary>AdaGrad step size.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>L2 penalty on weights touched by an example.</summary>
    public double L2 { get; init; } = 3e-4;

    /// <summary>Share of the target spread evenly over all classes (0 = plain one-hot).</summary>
    public double LabelSmoothing { get; init; }

    public int Seed { get; init; } = 13;

    public HeadLoss Loss { get; init; } = HeadLoss.Softmax;
}

/// <summary>What the head's training minimises.</summary>
public enum HeadLoss
{
    /// <summary>Cross-entropy of the softmax: the scores are probabilities as trained.</summary>
    Softmax,

    /// <summary>One-vs-rest squared hinge (a linear SVM); the scores are calibrated into probabilities afterwards.</summary>
    SquaredHinge,
}
