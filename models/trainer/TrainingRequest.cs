using KioskAssist.Intent.Encoders;

namespace KioskAssist.Trainer;

/// <summary>Everything <see cref="ModelTrainer"/> needs; the defaults are the shipped model's settings.</summary>
public sealed record TrainingRequest
{
    /// <summary>Training CSVs, read in order and joined (e.g. CLINC150's train.csv and oos_train.csv).</summary>
    public required IReadOnlyList<string> DataPaths { get; init; }

    /// <summary>
    /// Data used only to choose the threshold (then added to the final training set); empty to hold out part of the
    /// training data. Out-of-scope rows here are what the threshold learns to reject.
    /// </summary>
    public IReadOnlyList<string> ValidPaths { get; init; } = [];

    public required string OutputDirectory { get; init; }

    public string Name { get; init; } = "checkout";

    /// <summary>Null: today's UTC date plus the start of the data's SHA-256.</summary>
    public string? Version { get; init; }

    /// <summary>Share of the training data held out to choose the threshold when no validation file is given.</summary>
    public double HoldOutFraction { get; init; } = 0.2;

    /// <summary>
    /// When 2 or more (and no validation file): choose the threshold and minimum confidence on every training row,
    /// each scored by the one of this many models that did not train on it (<see cref="StratifiedFolds"/>), instead of
    /// on one <see cref="HoldOutFraction"/> hold-out. 1: the single hold-out.
    /// </summary>
    public int Folds { get; init; } = 1;

    /// <summary>
    /// With out-of-scope rows: the most (0–1) of the held-out in-scope questions answered right that the threshold and the
    /// chosen minimum confidence together may turn into "not sure" (<see cref="ThresholdSelector"/>,
    /// <see cref="MinConfidenceSelector"/>). 1: no budget, the recall floor alone decides.
    /// </summary>
    public double MaxInScopeCost { get; init; } = ThresholdSelector.NoInScopeBudget;

    /// <summary>Share of held-out out-of-scope questions the threshold must reject (see <see cref="ThresholdSelector"/>).</summary>
    public double MinOutOfScopeRecall { get; init; } = ThresholdSelector.DefaultMinOutOfScopeRecall;

    /// <summary>Without out-of-scope rows: the most held-out in-scope accuracy (0–1) the threshold may cost.</summary>
    public double MaxAccuracyLoss { get; init; } = ThresholdSelector.MaxAccuracyLossWithoutOutOfScope;

    /// <summary>
    /// The minimum confidence to ship (<see cref="KioskAssist.Intent.ModelManifest.MinConfidence"/>), or null to choose it
    /// on the held-out rows with <see cref="MinConfidenceSelector"/>. Default 0: none, so closed-world benchmark models
    /// (where every refusal counts as a wrong answer) are unchanged.
    /// </summary>
    public float? MinConfidence { get; init; } = 0f;

    /// <summary>
    /// In how many training texts an n-gram must appear to enter the vocabulary. 2 halves CLINC150's head (40 → 21 MB)
    /// at no measured cost: once-seen n-grams are mostly typos and names the encoder covers anyway.
    /// </summary>
    public int MinCount { get; init; } = 2;

    /// <summary>Frozen sentence encoders (<see cref="EncoderSpec"/> names) whose vectors join the n-grams; empty for n-grams only.</summary>
    public IReadOnlyList<string> Encoders { get; init; } = [EncoderSpec.MiniLm.Name];

    /// <summary>Length of each encoder's vector against the n-grams' (which have length 1).</summary>
    public float EncoderScale { get; init; } = 3f;

    /// <summary>
    /// Ship the encoders' int8 versions (<see cref="EncoderQuantizer"/>) in the model directory and train on their vectors:
    /// several times faster per question on CPUs with int8 dot products, and the model no longer needs the package DLL.
    /// </summary>
    public bool Int8Encoder { get; init; }

    /// <summary>Folder holding <c>encoders/</c>; default: the application's.</summary>
    public string? ApplicationDirectory { get; init; }

    public LinearHeadOptions Regression { get; init; } = new();
}
