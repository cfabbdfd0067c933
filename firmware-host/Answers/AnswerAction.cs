namespace KioskAssist.FirmwareHost.Answers;

/// <summary>What the kiosk does for an intent.</summary>
public enum AnswerAction
{
    /// <summary>Show the answer text.</summary>
    Answer,

    /// <summary>Show the text and call a person straight away (asked for one, or a complaint).</summary>
    Person,
}
