namespace KioskAssist.Protocol.Messages;

/// <summary>A payload of protocol v1. Every payload carries its version and checks its own fields.</summary>
public interface IProtocolMessage
{
    /// <summary>Protocol version of the payload; receivers drop versions they do not know.</summary>
    int V { get; }

    /// <summary>Null when the message is valid, else what is wrong (for the log).</summary>
    string? Validate();
}
