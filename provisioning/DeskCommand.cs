using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>desk add --id ID --name NAME --sites SITE…</c> (password on standard input) and <c>desk remove --id ID</c>.</summary>
public static class DeskCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error) =>
        new("desk", "Agent desks' broker logins: one per desk, with the sites it serves (agents sign in to the desk, not the broker).")
        {
            CreateAdd(input, output, error), CreateRemove(output, error),
        };

    private static Command CreateAdd(TextReader input, TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Option<string>("--id") { Description = "Desk id, also its broker user name and client id (letters, digits, '-', '_').", Required = true };
        var name = new Option<string>("--name") { Description = "What operators call the desk.", Required = true };
        var sites = new Option<string[]>("--sites")
        {
            Description = "Sites the desk serves: it reads and acts on these sites' requests only (comma-separated or repeated).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("add", "Add a desk; its broker password is the first line of standard input, never an argument.") { dir, id, name, sites };
        command.SetAction(result => FleetCli.Run(error, () =>
            new DeskAccounts(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System)
                .Add(result.GetValue(id)!, result.GetValue(name)!, result.GetValue(sites)!, input.ReadLine(), output)));
        return command;
    }

    private static Command CreateRemove(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Option<string>("--id") { Description = "Desk id.", Required = true };
        var command = new Command("remove", "Remove a desk's broker login.") { dir, id };
        command.SetAction(result => FleetCli.Run(error, () =>
            new DeskAccounts(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).Remove(result.GetValue(id)!, output)));
        return command;
    }
}
