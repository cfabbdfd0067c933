namespace KioskAssist.Intent;

/// <summary>What the model makes of one question.</summary>
/// <param name="Intent">The intent to answer, or <see cref="IntentModel.OutOfScope"/> when the model does not know.</param>
/// <param name="Confidence">Probability of the most likely in-scope intent, 0–1.</param>
/// <param name="BestGuess">The most likely in-scope intent, even when rejected (for transcripts and evaluation).</param>
/// <param name="Language">Language the question was written in, or null when the model has no language head or the text is empty.</param>
/// <param name="LanguageConfidence">Probability of <paramref name="Language"/>, 0–1; short texts such as "ok" are often unclear.</param>
public sealed record IntentPrediction(string Intent, float Confidence, string BestGuess, string? Language, float LanguageConfidence)
{
    public bool IsOutOfScope => Intent == IntentModel.OutOfScope;

    /// <summary>Rejected whatever the threshold: the model's own "oos" class won, or the text has no words.</summary>
    public bool RejectedAtAnyThreshold { get; init; }

    /// <summary>
    /// Rejected only because <see cref="Confidence"/> is below the model's <see cref="ModelManifest.MinConfidence"/>:
    /// the out-of-scope class lost and the threshold let it through, but answers this unsure were wrong more often than right.
    /// </summary>
    public bool BelowMinConfidence { get; init; }
}
