namespace KioskAssist.Trainer;

/// <summary>A held-out example with what the model made of it, before any threshold.</summary>
/// <param name="IsOutOfScope">The example's true label is out of scope.</param>
/// <param name="BestGuessCorrect">The best in-scope guess equals the true label.</param>
/// <param name="Confidence">Probability of the best in-scope guess.</param>
/// <param name="OutOfScopeClassWins">The model's own out-of-scope class scored above every intent.</param>
public sealed record ScoredExample(bool IsOutOfScope, bool BestGuessCorrect, float Confidence, bool OutOfScopeClassWins)
{
    public bool AcceptedAt(float threshold) => !OutOfScopeClassWins && Confidence >= threshold;
}
