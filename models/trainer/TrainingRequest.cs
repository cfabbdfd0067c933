namespace KioskAssist.Trainer;

/// <summary>Everything <see cref="ModelTrainer"/> needs; the defaults are the shipped model's settings.</summary>
public sealed record TrainingRequest
{
    public required string DataPath { get; init; }

    /// <summary>Data used only to choose the threshold (then added to the final training set); null to hold out part of the training data.</summary>
    public string? ValidPath { get; init; }

    public required string OutputDirectory { get; init; }

    public string Name { get; init; } = "checkout";

    /// <summary>Null: today's UTC date plus the start of the data's SHA-256.</summary>
    public string? Version { get; init; }

    /// <summary>Share of the training data held out to choose the threshold when no validation file is given.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>In how many training texts an n-gram must appear to enter the vocabulary.</summary>
    public int MinCount { get; init; } = 1;

    public SoftmaxRegressionOptions Regression { get; init; } = new();
}
