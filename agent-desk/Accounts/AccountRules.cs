using KioskAssist.Protocol;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>What an account id, display name, password, role and site must look like. Each check returns null when fine.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 80;
    public const int MaxIdLength = 64;

    /// <summary>The pattern of <see cref="Ids.IsValid"/>, for the page's input fields.</summary>
    public const string IdPattern = "^[A-Za-z0-9_-]{1,64}$";

    public static string? Check(string? id, string? name, string? password) =>
        (Ids.IsValid(id) ? null : $"The id must be 1–{MaxIdLength} letters, digits, '-' or '_'.")
        ?? (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength ? $"The display name must be 1–{MaxNameLength} characters." : null)
        ?? CheckPassword(password);

    /// <summary>Store staff belong to one site; agents and admins to none.</summary>
    public static string? CheckRole(DeskRole role, string? site) => role switch
    {
        DeskRole.Staff when !Ids.IsValid(site) => "Store staff need a site: 1–64 letters, digits, '-' or '_'.",
        DeskRole.Agent or DeskRole.Admin when site is not null => "Only store staff have a site; leave it out for agents and admins.",
        _ => null,
    };

    public static string? CheckPassword(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength
            ? $"The password must be {MinPasswordLength}–{MaxPasswordLength} characters."
            : null;
}
