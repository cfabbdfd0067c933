namespace KioskAssist.AgentDesk.Web;

/// <summary>Sign-in form.</summary>
public sealed record SignInRequest(string? Id, string? Password);

/// <summary>The first (admin) account, created from the sign-in page with the one-time setup token the desk printed at start.</summary>
public sealed record SetupRequest(string? Token, string? Id, string? Name, string? Password);

/// <summary>A password change: the current one proves it is the account's owner, not someone at an unlocked screen.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>What the page needs before sign-in: who is signed in, and whether no account exists yet (the setup form).</summary>
public sealed record AccountStatus(bool SignedIn, Accounts.AgentAccount? Agent, bool NeedsSetup);

/// <summary>What ids, names and passwords must look like, and the roles, so the page can check before it sends.</summary>
public sealed record AccountRulesView(string IdPattern, int IdMaxLength, int NameMaxLength, int PasswordMinLength, int PasswordMaxLength, IReadOnlyList<string> Roles);
