namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>Who said a line of the conversation.</summary>
public enum Speaker
{
    Shopper,
    Assistant,
}
