namespace KioskAssist.Protocol.Messages;

/// <summary>One line of what the shopper and the assistant said before a person was called.</summary>
/// <param name="Speaker"><c>shopper</c> or <c>assistant</c>.</param>
/// <param name="Intent">For assistant lines: the intent answered, or <c>oos</c> when it was not sure.</param>
/// <param name="Confidence">For assistant lines: the model's confidence, 0–1.</param>
public sealed record TranscriptLine(DateTimeOffset At, string Speaker, string Text, string? Intent = null, float? Confidence = null);
