namespace KioskAssist.Trainer.Reports;

/// <summary>What the model would do at one rejection threshold (all ratios 0–1, NaN where undefined).</summary>
/// <param name="Threshold">Confidence below which the question is handed to a person.</param>
/// <param name="RejectionRate">Share of all questions rejected.</param>
/// <param name="AnsweredAccuracy">Share of answered questions answered with the right intent.</param>
/// <param name="InScopeAccuracy">Share of in-scope questions answered right (the benchmark's accuracy).</param>
/// <param name="OutOfScopeRecall">Share of out-of-scope questions rejected.</param>
public sealed record RejectionPoint(double Threshold, double RejectionRate, double AnsweredAccuracy, double InScopeAccuracy, double OutOfScopeRecall);
