namespace KioskAssist.Protocol.Messages;

/// <summary>An agent as a shopper sees them: an id for the system, a display name for the screen.</summary>
public sealed record AgentRef(string Id, string Name);
