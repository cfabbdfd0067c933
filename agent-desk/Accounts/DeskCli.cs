using System.CommandLine;

namespace KioskAssist.AgentDesk.Accounts;

/// <summary>The desk's command-line verbs for scripts (<c>add-agent</c>, <c>remove-agent</c>). Output goes to the given writers so tests read what a user sees.</summary>
public static class DeskCli
{
    /// <summary>The verbs; <c>Program</c> runs the CLI instead of the desk when the first argument is one of them.</summary>
    public static IReadOnlyList<string> Verbs { get; } = [AddAgentCommand.Name, RemoveAgentCommand.Name];

    public static RootCommand Create(TextReader input, TextWriter output, TextWriter error) =>
        new("KioskAssist agent desk. Without a verb it serves the desk; verbs manage it from scripts.")
        {
            AddAgentCommand.Create(input, output, error),
            RemoveAgentCommand.Create(output, error),
        };
}
