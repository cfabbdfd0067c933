using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Hosting;
using Microsoft.Extensions.Options;

if (args.Length > 0 && DeskCli.Verbs.Contains(args[0]))
{
    // For scripts and the fleet tool: the password comes from standard input, never from the command line.
    return await DeskCli.Create(Console.In, Console.Out, Console.Error).Parse(args).InvokeAsync();
}

try
{
    await DeskApplication.Create(args).RunAsync();
    return 0;
}
catch (OptionsValidationException invalid)
{
    // A bad setting stops the desk before it serves anyone, with the key to fix.
    await Console.Error.WriteLineAsync($"KioskAssist desk cannot start: {string.Join(" ", invalid.Failures)}");
    return 78; // EX_CONFIG
}
