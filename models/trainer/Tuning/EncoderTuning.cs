namespace KioskAssist.Trainer.Tuning;

/// <summary>
/// Settings for <see cref="EncoderTuner"/>: how many of the encoder's top layers are fine-tuned on the intents, and how.
/// The defaults are BERT fine-tuning's usual ones (AdamW, 10% warm-up then linear decay, weight decay 0.01).
/// </summary>
public sealed record EncoderTuning
{
    /// <summary>Top layers trained; the ones below stay frozen (their output is computed once per text). 0 = no tuning.</summary>
    public int Layers { get; init; }

    public int Epochs { get; init; } = 3;

    public double LearningRate { get; init; } = 5e-5;

    /// <summary>Step size of the temporary softmax head the layers are trained through (it is thrown away).</summary>
    public double HeadLearningRate { get; init; } = 1e-2;

    public int BatchSize { get; init; } = 32;

    public double WeightDecay { get; init; } = 0.01;

    /// <summary>The unit sentence vector is multiplied by this before the temporary head (a cosine classifier's temperature).</summary>
    public float HeadScale { get; init; } = 20f;

    public int Seed { get; init; } = 13;
}
