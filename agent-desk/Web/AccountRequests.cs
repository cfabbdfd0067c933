namespace KioskAssist.AgentDesk.Web;

/// <summary>Sign-in form.</summary>
public sealed record SignInRequest(string? Id, string? Password);

/// <summary>The first agent account, created from the sign-in page on the desk's own machine.</summary>
public sealed record SetupRequest(string? Id, string? Name, string? Password);

/// <summary>What the page needs before sign-in: who is signed in, and whether the first account may be created here.</summary>
public sealed record AccountStatus(bool SignedIn, Accounts.AgentAccount? Agent, bool NeedsSetup, bool SetupAllowed);
