using System.CommandLine;
using System.Security.Cryptography;

namespace KioskAssist.Provisioning;

/// <summary>
/// kafleet's command line. Output goes to the given writers so tests read what an operator sees; the password for
/// <c>desk add</c> comes from <c>input</c>, never from an argument.
/// </summary>
public static class FleetCli
{
    /// <param name="interactive">True when output is a terminal: bulk provisioning then draws a progress bar.</param>
    public static RootCommand Create(TextReader input, TextWriter output, TextWriter error, bool interactive = false)
    {
        var root = Commands(input, output, error, interactive);
        root.Add(OperatorGate.OperatorOption);
        OperatorGate.Guard(root, error);
        return root;
    }

    /// <summary>
    /// Exit code 2 for a command line that does not parse (a typo, a missing option), as the README says; the parser's
    /// own default is 1. Prints the parser's errors and the usage hint.
    /// </summary>
    public static int Invoke(RootCommand root, string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0)
        {
            return parsed.Invoke();
        }

        foreach (var problem in parsed.Errors)
        {
            error.WriteLine($"error: {problem.Message}");
        }

        error.WriteLine("Run 'kafleet --help' (or 'kafleet COMMAND --help') for the options.");
        return 2;
    }

    private static RootCommand Commands(TextReader input, TextWriter output, TextWriter error, bool interactive) =>
        new("kafleet: the KioskAssist fleet's certificate authority, device bundles and registry, agent credentials, broker configuration and signed rollouts.")
        {
            CaInitCommand.Create(output, error),
            ProvisionCommand.Create(output, error, interactive),
            DeskCommand.Create(input, output, error),
            BrokerConfigCommand.Create(output, error),
            RevokeCommand.Create(output, error),
            PosCommand.Create(output, error),
            StatusCommand.Create(output, error),
            RolloutCommand.Create(output, error),
            ExporterCommand.Create(output, error),
            CertsCommand.Create(output, error),
            OperatorCommand.Create(output, error),
            AuditCommand.Create(output, error),
        };

    /// <summary>The <c>--dir</c> option every command takes: where the CA, the signing key, the registry and the bundles live.</summary>
    internal static Option<string> DirOption() =>
        new("--dir") { Description = "Fleet directory (CA, rollout signing key, registry.db, bundles/).", DefaultValueFactory = _ => "fleet" };

    /// <summary>Runs a command body, turning the errors an operator can fix into one clear line and exit code 2.</summary>
    internal static int Run(TextWriter error, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsOperatorError(e))
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    /// <summary><see cref="Run"/> for commands that talk to the broker.</summary>
    internal static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (IsOperatorError(e))
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static bool IsOperatorError(Exception e) =>
        e is FleetException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException
            or IOException or UnauthorizedAccessException or CryptographicException or Microsoft.Data.Sqlite.SqliteException;
}
