namespace KioskAssist.AgentDesk.Accounts;

/// <summary>One sign-in: a random server-side id and the account's security stamp when it began. Both go in the cookie.</summary>
public sealed record DeskSession(string Id, string Stamp);
