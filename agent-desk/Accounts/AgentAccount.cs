namespace KioskAssist.AgentDesk.Accounts;

/// <summary>An agent who may sign in: an id for the system and a display name shoppers see on the kiosk.</summary>
public sealed record AgentAccount(string Id, string Name);
