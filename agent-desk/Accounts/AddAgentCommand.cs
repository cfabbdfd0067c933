using System.CommandLine;
using KioskAssist.AgentDesk.Hosting;
using Microsoft.Extensions.Configuration;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// <c>add-agent --id ana --name "Ana" [--data-directory DIR]</c>: creates an agent account, with the password read
/// from the first line of standard input so it never appears in a process list or shell history.
/// </summary>
public static class AddAgentCommand
{
    public const string Name = "add-agent";

    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var id = new Option<string>("--id") { Description = "Agent id (letters, digits, '-', '_'; at most 64).", Required = true };
        var name = new Option<string>("--name") { Description = "Display name shoppers see on the kiosk.", Required = true };
        var data = new Option<string?>("--data-directory") { Description = "Desk data folder; default: Desk:DataDirectory from the desk's configuration." };

        var command = new Command(Name, "Add an agent account; the password is read from standard input (one line).") { id, name, data };
        command.SetAction(result => Run(
            result.GetValue(id)!, result.GetValue(name)!, result.GetValue(data) ?? ConfiguredDataDirectory(), input, output, error));
        return command;
    }

    public static int Run(string id, string name, string dataDirectory, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var password = input.ReadLine();
        if (AccountRules.Check(id, name, password) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            return 2;
        }

        var result = new AgentStore(dataDirectory).Add(id, name, password!);
        if (result != AddAgentResult.Added)
        {
            error.WriteLine($"error: an agent with id '{id}' exists already.");
            return 1;
        }

        output.WriteLine($"Added agent '{id}' ({name.Trim()}).");
        return 0;
    }

    /// <summary>The data folder the desk itself would use: appsettings, the environment (<c>Desk__DataDirectory</c>), defaults.</summary>
    private static string ConfiguredDataDirectory()
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
