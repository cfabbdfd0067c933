namespace KioskAssist.AgentDesk.Accounts;

/// <summary>Whether <see cref="SignInThrottle"/> lets a sign-in attempt be checked, and if not, which limit it hit.</summary>
public enum ThrottleVerdict
{
    Allowed,

    /// <summary>Too many wrong passwords for this account from this client address.</summary>
    AccountFromAddress,

    /// <summary>Too many wrong passwords from this client address, whatever ids it tried.</summary>
    Address,

    /// <summary>Too many wrong passwords from everywhere together, and this address has not signed in lately.</summary>
    Overall,
}
