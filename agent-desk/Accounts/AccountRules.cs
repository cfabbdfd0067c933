using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>What an agent id, display name and password must look like. Each check returns null when fine.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 80;

    public static string? Check(string? id, string? name, string? password) =>
        (Ids.IsValid(id) ? null : "The agent id must be 1–64 letters, digits, '-' or '_'.")
        ?? (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength ? $"The display name must be 1–{MaxNameLength} characters." : null)
        ?? CheckPassword(password);

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength
            ? $"The password must be {MinPasswordLength}–{MaxPasswordLength} characters."
            : null;
}
