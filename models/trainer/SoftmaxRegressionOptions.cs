namespace KioskAssist.Trainer;

/// <summary>Settings for <see cref="SoftmaxRegressionTrainer"/>; the defaults are what the shipped model uses.</summary>
public sealed record SoftmaxRegressionOptions
{
    public int Epochs { get; init; } = 30;

    /// <summary>AdaGrad step size.</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>L2 penalty on weights touched by an example.</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Share of the target spread evenly over all classes (0 = plain one-hot).</summary>
    public double LabelSmoothing { get; init; }

    public int Seed { get; init; } = 13;
}
