namespace KioskAssist.Trainer.Retraining;

/// <summary>The outcome of a store retrain: candidate and baseline measured on the same check rows.</summary>
/// <param name="Accepted">True when the candidate may replace the baseline.</param>
/// <param name="Reasons">Why it was refused (empty when accepted).</param>
/// <param name="Candidate">The candidate on the check rows.</param>
/// <param name="Baseline">The baseline on the check rows whose intents it knows.</param>
/// <param name="CheckRows">How many rows the comparison used.</param>
public sealed record RetrainDecision(bool Accepted, IReadOnlyList<string> Reasons, Evaluation Candidate, Evaluation Baseline, int CheckRows);
