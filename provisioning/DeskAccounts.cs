using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// Agent desks' broker logins: kept in the registry (id, name, sites, <see cref="MosquittoPassword"/> hash) and mirrored
/// into the fleet directory's <c>mosquitto.passwd</c>, which is rewritten whole from the registry after every change.
/// </summary>
/// <remarks>
/// The desk is the broker identity, never a person: agents sign in to the desk with their own accounts
/// (agent-desk/Accounts), and the desk acts for them on topics the broker pins to the desk's login. So one agent's
/// password opens nothing on the broker, and a desk reads only the sites it serves.
/// </remarks>
public sealed class DeskAccounts(FleetDirectory fleet, TimeProvider time)
{
    public const int MinPasswordLength = 16;
    public const int MaxPasswordLength = 256;

    public int Add(string id, string name, IReadOnlyList<string> sites, string? password, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(output);
        CheckId(id);
        // The name goes into the ACL file as a comment: a line break in it could add rules.
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80 || name.Any(char.IsControl))
        {
            throw new FleetException("--name must be 1–80 characters on one line.");
        }

        string[] served = [.. sites.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];
        if (served.Length == 0 || !served.All(Ids.IsValid))
        {
            throw new FleetException("--sites must name at least one site id (1–64 letters, digits, '-' or '_'; several comma-separated or repeated).");
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw new FleetException($"the desk's broker password (first line of standard input) must be {MinPasswordLength}–{MaxPasswordLength} characters.");
        }

        SecureFiles.CreatePrivateDirectory(fleet.Path);
        using var registry = FleetRegistry.Open(fleet);
        if (!registry.AddDesk(new DeskEntry(id, name.Trim(), MosquittoPassword.Hash(password), served, time.GetUtcNow())))
        {
            throw new FleetException($"a desk with id '{id}' exists already; 'kafleet desk remove --id {id}' first to change it.");
        }

        WritePasswordFile(registry);
        output.WriteLine($"Added desk '{id}' ({name.Trim()}) serving {string.Join(", ", served)} to {fleet.Registry} and {fleet.BrokerPasswords}.");
        output.WriteLine("Run 'kafleet broker-config' again and reload the broker so it takes the new login.");
        output.WriteLine("Start the desk with this login (the password from a 0600 file or the environment, never the repository):");
        output.WriteLine($"  Broker__Username={id} Broker__Password=\"$DESK_PASSWORD\" {string.Concat(served.Select((s, i) => $"Desk__Sites__{i}={s} "))}dotnet run --project agent-desk");
        return 0;
    }

    public int Remove(string id, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckId(id);
        using var registry = FleetRegistry.Open(fleet);
        if (!registry.RemoveDesk(id))
        {
            throw new FleetException($"no desk with id '{id}'.");
        }

        WritePasswordFile(registry);
        output.WriteLine($"Removed desk '{id}' from {fleet.Registry} and {fleet.BrokerPasswords}.");
        output.WriteLine("Run 'kafleet broker-config' again and reload the broker.");
        return 0;
    }

    /// <summary>The password file's text for the registry's current desks, one <c>user:$7$…</c> line each.</summary>
    public static string PasswordFile(FleetRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return string.Concat(registry.Desks().Select(desk => $"{desk.Id}:{desk.PasswordHash}\n"));
    }

    private void WritePasswordFile(FleetRegistry registry) => SecureFiles.WriteSecret(fleet.BrokerPasswords, PasswordFile(registry));

    /// <summary>
    /// A desk id is a broker user name, and the ACL grants by user name whatever listener a client came in on; so a
    /// desk may never be named like a kiosk or the operator, or its password login would get their rights.
    /// </summary>
    private static void CheckId(string id)
    {
        if (!Ids.IsValid(id))
        {
            throw new FleetException($"desk id '{id}' is not a valid id (1–64 letters, digits, '-' or '_').");
        }

        if (id.StartsWith(KioskIdentity.Prefix, StringComparison.OrdinalIgnoreCase) || id.Equals(CaInitializer.OperatorIdentity, StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("kafleet", StringComparison.OrdinalIgnoreCase))
        {
            throw new FleetException($"desk id '{id}' is reserved: ids starting with '{KioskIdentity.Prefix}' or 'kafleet' belong to kiosks and the operator.");
        }
    }
}
