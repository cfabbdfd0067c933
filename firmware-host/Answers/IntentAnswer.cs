namespace KioskAssist.FirmwareHost.Answers;

/// <summary>The catalog entry for one intent: what to do, its button label and answer text per language.</summary>
/// <param name="Quick">Shown as a common-question button on the start screen.</param>
public sealed record IntentAnswer(
    AnswerAction Action,
    bool Quick,
    IReadOnlyDictionary<string, string> Label,
    IReadOnlyDictionary<string, string> Text);
