namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>How the kiosk responds to a question.</summary>
public enum ReplyKind
{
    /// <summary>The model knows this intent: show the answer.</summary>
    Answer,

    /// <summary>The model is unsure or the question is outside what it knows: say so and offer a person.</summary>
    NotSure,

    /// <summary>The shopper asked for a person or complained: a person is being called.</summary>
    Person,
}
