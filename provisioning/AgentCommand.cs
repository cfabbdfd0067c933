using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>agent add --id ID --name NAME</c> (password on standard input) and <c>agent remove --id ID</c>.</summary>
public static class AgentCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error) =>
        new("agent", "Remote agents' broker logins (for the agent desk).") { CreateAdd(input, output, error), CreateRemove(output, error) };

    private static Command CreateAdd(TextReader input, TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Option<string>("--id") { Description = "Agent id, also the broker user name (letters, digits, '-', '_').", Required = true };
        var name = new Option<string>("--name") { Description = "Display name shoppers see.", Required = true };
        var command = new Command("add", "Add an agent; the password is the first line of standard input, never an argument.") { dir, id, name };
        command.SetAction(result => FleetCli.Run(error, () =>
            new AgentAccounts(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).Add(result.GetValue(id)!, result.GetValue(name)!, input.ReadLine(), output)));
        return command;
    }

    private static Command CreateRemove(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Option<string>("--id") { Description = "Agent id.", Required = true };
        var command = new Command("remove", "Remove an agent's broker login.") { dir, id };
        command.SetAction(result => FleetCli.Run(error, () =>
            new AgentAccounts(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).Remove(result.GetValue(id)!, output)));
        return command;
    }
}
