namespace KioskAssist.Trainer.Retraining;

/// <summary>The outcome of a store retrain: candidate and baseline measured the same way.</summary>
/// <param name="Accepted">True when the candidate may replace the baseline.</param>
/// <param name="Reasons">Why it was refused (empty when accepted).</param>
/// <param name="Basis">What the numbers were measured on, in words.</param>
/// <param name="Candidate">Candidate in-scope accuracy and out-of-scope recall (0–1, NaN when unknown).</param>
/// <param name="Baseline">Baseline in-scope accuracy and out-of-scope recall, measured the same way.</param>
public sealed record RetrainDecision(
    bool Accepted, IReadOnlyList<string> Reasons, string Basis, (double InScopeAccuracy, double OutOfScopeRecall) Candidate, (double InScopeAccuracy, double OutOfScopeRecall) Baseline);
