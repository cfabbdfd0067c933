namespace KioskAssist.Intent;

/// <summary>The model's raw output for one text.</summary>
/// <param name="Intents">Probability per label, in the order of <see cref="IntentModel.Labels"/>.</param>
/// <param name="Languages">Probability per manifest language; empty when the model has no language head.</param>
public sealed record ModelScores(float[] Intents, float[] Languages);
