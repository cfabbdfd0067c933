namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>Where the shopper's call for a person stands, as the screen shows it.</summary>
public enum HelpStatus
{
    /// <summary>No person called: the assistant answers.</summary>
    None,

    /// <summary>The shopper asked for a person and is waiting.</summary>
    Calling,
}
