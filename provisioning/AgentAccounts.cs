using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// Agents' broker logins: kept in the registry (id, name, <see cref="MosquittoPassword"/> hash) and mirrored into
/// the fleet directory's <c>mosquitto.passwd</c>, which is rewritten whole from the registry after every change.
/// </summary>
/// <remarks>
/// The agent desk keeps its own sign-in accounts (agent-desk/Accounts) on its own machine. kafleet prints the desk
/// command instead of calling it: the desk's data folder is usually on another machine, and linking the desk's
/// assembly here would tie the operators' tool to the web app's dependencies and release cycle.
/// </remarks>
public sealed class AgentAccounts(FleetDirectory fleet, TimeProvider time)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public int Add(string id, string name, string? password, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(output);
        CheckId(id);
        // The name goes into the ACL file as a comment: a line break in it could add rules.
        if (string.IsNullOrWhiteSpace(name) || name.Length > 80 || name.Any(char.IsControl))
        {
            throw new FleetException("the display name must be 1–80 characters on one line.");
        }

        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
        {
            throw new FleetException($"the password (first line of standard input) must be {MinPasswordLength}–{MaxPasswordLength} characters.");
        }

        SecureFiles.CreatePrivateDirectory(fleet.Path);
        using var registry = FleetRegistry.Open(fleet);
        if (!registry.AddAgent(new AgentEntry(id, name.Trim(), MosquittoPassword.Hash(password), time.GetUtcNow())))
        {
            throw new FleetException($"an agent with id '{id}' exists already; 'kafleet agent remove --id {id}' first to change it.");
        }

        WritePasswordFile(registry);
        output.WriteLine($"Added agent '{id}' ({name.Trim()}) to {fleet.Registry} and {fleet.BrokerPasswords}.");
        output.WriteLine("Run 'kafleet broker-config' again and reload the broker so it takes the new login.");
        output.WriteLine("For the desk sign-in, run on the desk's machine with the same password on standard input:");
        output.WriteLine($"  dotnet run --project agent-desk -- add-agent --id {id} --name {ShellQuote(name.Trim())}");
        return 0;
    }

    public int Remove(string id, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckId(id);
        using var registry = FleetRegistry.Open(fleet);
        if (!registry.RemoveAgent(id))
        {
            throw new FleetException($"no agent with id '{id}'.");
        }

        WritePasswordFile(registry);
        output.WriteLine($"Removed agent '{id}' from {fleet.Registry} and {fleet.BrokerPasswords}.");
        output.WriteLine("Run 'kafleet broker-config' again and reload the broker; remove the desk account on the desk as well.");
        return 0;
    }

    /// <summary>The password file's text for the registry's current agents, one <c>user:$7$…</c> line each.</summary>
    public static string PasswordFile(FleetRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return string.Concat(registry.Agents().Select(agent => $"{agent.Id}:{agent.PasswordHash}\n"));
    }

    private void WritePasswordFile(FleetRegistry registry) => SecureFiles.WriteSecret(fleet.BrokerPasswords, PasswordFile(registry));

    /// <summary>
    /// An agent id is a broker user name, and the ACL grants by user name whatever listener a client came in on; so
    /// an agent may never be named like a kiosk or the operator, or its password login would get their rights.
    /// </summary>
    private static void CheckId(string id)
    {
        if (!Ids.IsValid(id))
        {
            throw new FleetException($"agent id '{id}' is not a valid id (1–64 letters, digits, '-' or '_').");
        }

        if (id.StartsWith(KioskIdentity.Prefix, StringComparison.OrdinalIgnoreCase) || id.Equals(CaInitializer.OperatorIdentity, StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("kafleet", StringComparison.OrdinalIgnoreCase))
        {
            throw new FleetException($"agent id '{id}' is reserved: ids starting with '{KioskIdentity.Prefix}' or 'kafleet' belong to kiosks and the operator.");
        }
    }

    private static string ShellQuote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
