namespace KioskAssist.Intent;

/// <summary>One golden question and the output the model gave for it when it was made.</summary>
public sealed record GoldenExample(string Text, string Intent, float Confidence);
