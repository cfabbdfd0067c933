namespace KioskAssist.Protocol.Messages;

/// <summary>The payload version this build speaks.</summary>
public static class ProtocolVersion
{
    public const int Current = 1;
}
