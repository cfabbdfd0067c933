using System.CommandLine;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// <c>remove-agent --id ana [--data-directory DIR]</c>: deletes a desk account and its sessions. A desk that is running
/// refuses the account's cookie on its next request, because sessions are checked against the store every time.
/// Exit codes: 0 removed, 1 no such account, 2 a bad id.
/// </summary>
public static class RemoveAgentCommand
{
    public const string Name = "remove-agent";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var id = new Option<string>("--id") { Description = "The account's id.", Required = true };
        var data = AddAgentCommand.DataDirectoryOption();
        var command = new Command(Name, "Remove a desk account; its sessions end at once.") { id, data };
        command.SetAction(result => Run(result.GetValue(id)!, result.GetValue(data) ?? AddAgentCommand.ConfiguredDataDirectory(), output, error));
        return command;
    }

    public static int Run(string id, string dataDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!KioskAssist.Protocol.Ids.IsValid(id))
        {
            error.WriteLine($"error: the id must be 1–{AccountRules.MaxIdLength} letters, digits, '-' or '_'.");
            return 2;
        }

        if (!new AgentStore(dataDirectory).Remove(id))
        {
            error.WriteLine($"error: no account with id '{id}'.");
            return 1;
        }

        output.WriteLine($"Removed '{id}'; its sessions have ended.");
        return 0;
    }
}
