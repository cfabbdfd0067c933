using System.CommandLine;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>The desk's command-line verbs for scripts (<c>add-agent</c>). Output goes to the given writers so tests read what a user sees.</summary>
public static class DeskCli
{
    public static RootCommand Create(TextReader input, TextWriter output, TextWriter error) =>
        new("KioskAssist agent desk. Without a verb it serves the desk; verbs manage it from scripts.")
        {
            AddAgentCommand.Create(input, output, error),
        };
}
