using System.CommandLine;
using KioskAssist.AgentDesk.Hosting;
using Microsoft.Extensions.Configuration;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// <c>add-agent --id ana --name "Ana" [--role agent|staff|admin] [--site jkt-01] [--data-directory DIR]</c>: creates a
/// desk account, with the password read from the first line of standard input so it never appears in a process list
/// or shell history. Without <c>--role</c> the first account is an admin and later ones are agents; staff need a site.
/// </summary>
public static class AddAgentCommand
{
    public const string Name = "add-agent";

    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var id = new Option<string>("--id") { Description = "Agent id (letters, digits, '-', '_'; at most 64).", Required = true };
        var name = new Option<string>("--name") { Description = "Display name shoppers see on the kiosk.", Required = true };
        var role = new Option<string?>("--role") { Description = "agent, staff or admin; default: admin for the first account, agent after." };
        var site = new Option<string?>("--site") { Description = "The store site a staff account works at (staff only)." };
        var data = DataDirectoryOption();

        var command = new Command(Name, "Add a desk account; the password is read from standard input (one line).") { id, name, role, site, data };
        command.SetAction(result => Run(
            result.GetValue(id)!, result.GetValue(name)!, result.GetValue(role), result.GetValue(site),
            result.GetValue(data) ?? ConfiguredDataDirectory(), input, output, error));
        return command;
    }

    public static int Run(string id, string name, string? role, string? site, string dataDirectory, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var password = input.ReadLine();
        var store = new AgentStore(dataDirectory);
        var parsed = role is null ? (store.Count() == 0 ? DeskRole.Admin : DeskRole.Agent) : DeskRoles.Parse(role);
        var problem = AccountRules.Check(id, name, password)
            ?? (parsed is null ? $"The role must be one of: {string.Join(", ", DeskRoles.All)}." : AccountRules.CheckRole(parsed.Value, site));
        if (problem is not null)
        {
            error.WriteLine($"error: {problem}");
            return 2;
        }

        if (store.Add(id, name, password!, role: parsed!.Value, site: site) != AddAgentResult.Added)
        {
            error.WriteLine($"error: an account with id '{id}' exists already.");
            return 1;
        }

        output.WriteLine($"Added {parsed.Value.Word()} '{id}' ({name.Trim()}){(site is null ? string.Empty : $" at {site}")}.");
        return 0;
    }

    internal static Option<string?> DataDirectoryOption() =>
        new("--data-directory") { Description = "Desk data folder; default: Desk:DataDirectory from the desk's configuration." };

    /// <summary>The data folder the desk itself would use: appsettings, the environment (<c>Desk__DataDirectory</c>), defaults.</summary>
    internal static string ConfiguredDataDirectory()
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(DeskApplication.ContentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new DeskOptions();
        configuration.GetSection(DeskOptions.Section).Bind(options);
        return options.DataPath;
    }
}
