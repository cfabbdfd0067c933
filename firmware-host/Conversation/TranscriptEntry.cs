namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>One line of the conversation, kept so that a person called later sees what was already said.</summary>
/// <param name="Intent">For assistant lines: the intent answered, or "oos" when it was not sure.</param>
/// <param name="Confidence">For assistant lines: the model's confidence, 0–1.</param>
public sealed record TranscriptEntry(
    DateTimeOffset At,
    Speaker Speaker,
    string Text,
    string Language,
    string? Intent = null,
    float? Confidence = null);
