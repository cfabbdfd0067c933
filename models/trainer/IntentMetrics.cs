namespace KioskAssist.Trainer;

/// <summary>Precision and recall of one label (NaN where undefined).</summary>
public sealed record IntentMetrics(string Intent, int Support, double Precision, double Recall);
