namespace KioskAssist.Intent;

/// <summary>How a model was made, so anyone can make it again.</summary>
public sealed record ModelTrainingInfo
{
    /// <summary>SHA-256 of the training CSV as read.</summary>
    public required string DataSha256 { get; init; }

    public required int Rows { get; init; }

    public required int Seed { get; init; }

    public required int Epochs { get; init; }

    /// <summary>In how many training texts an n-gram had to appear to enter the vocabulary (absent in format 1: 1).</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>AdaGrad step size (absent in format 1: 0.5).</summary>
    public double LearningRate { get; init; } = 0.5;

    /// <summary>L2 penalty (absent in format 1: 1e-5).</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Label smoothing (absent in format 1: none).</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>The intent head's training loss: "Softmax" (absent before it could be chosen) or "SquaredHinge".</summary>
    public string Loss { get; init; } = "Softmax";

    /// <summary>
    /// What the trained scores were multiplied by so their softmax reads as a probability (1 for a softmax-trained head;
    /// chosen on held-out rows for a hinge-trained one).
    /// </summary>
    public double ScoreScale { get; init; } = 1;

    /// <summary>Share of held-out out-of-scope questions the threshold had to reject (absent in format 1).</summary>
    public double? MinOutOfScopeRecall { get; init; }

    /// <summary>Without out-of-scope rows: the most held-out accuracy the threshold could cost (absent in format 1).</summary>
    public double? MaxAccuracyLoss { get; init; }

    /// <summary>In-scope accuracy on the rows the threshold was chosen on, by a model that did not train on them (absent in format 1).</summary>
    public double? HeldOutInScopeAccuracy { get; init; }

    /// <summary>Out-of-scope recall on those rows (absent in format 1, or when they had no out-of-scope rows).</summary>
    public double? HeldOutOutOfScopeRecall { get; init; }

    /// <summary>
    /// In how many folds the training data was scored to choose the threshold and minimum confidence (each row by a
    /// model that did not train on it); absent or 1: one held-out part, or the validation files.
    /// </summary>
    public int Folds { get; init; } = 1;

    /// <summary>
    /// The most of the held-out in-scope right answers the threshold and a chosen minimum confidence could cost together
    /// (absent: no budget, 1).
    /// </summary>
    public double? MaxInScopeCost { get; init; }

    /// <summary>How the threshold was chosen: from a validation file or from a held-out part of the training data.</summary>
    public required string ThresholdSource { get; init; }

    /// <summary>
    /// True when <see cref="ModelManifest.MinConfidence"/> was chosen on the held-out rows (so a retrain chooses it
    /// again); false or absent when it was given (absent before the field: 0).
    /// </summary>
    public bool MinConfidenceChosen { get; init; }

    /// <summary>How the minimum confidence came about and what it cost on the held-out rows (absent before the field).</summary>
    public string? MinConfidenceSource { get; init; }
}
