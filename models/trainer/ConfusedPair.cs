namespace KioskAssist.Trainer;

/// <summary>How often questions labelled <paramref name="Truth"/> were predicted as <paramref name="Predicted"/>.</summary>
public sealed record ConfusedPair(string Truth, string Predicted, int Count);
