using System.CommandLine;
using System.CommandLine.Invocation;

namespace KioskAssist.Provisioning;

/// <summary>
/// Runs every kafleet command as an operator: resolves who acts (<c>--operator</c>, else the fleet's default, else —
/// in a fleet without named operators — the original <c>kafleet-operator</c>), refuses a command the role does not
/// allow (exit 2), and records the command in the registry's audit log with its arguments (kafleet takes no secret
/// as an argument: desk passwords come on standard input).
/// </summary>
public static class OperatorGate
{
    /// <summary>The option every command takes, given once on the root.</summary>
    public static Option<string?> OperatorOption { get; } = new("--operator")
    {
        Description = "Act as this operator (from 'kafleet operator add'); default: the fleet's default operator.",
        Recursive = true,
    };

    /// <summary>Wraps the action of every command under <paramref name="root"/>.</summary>
    public static void Guard(Command root, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in root.Subcommands)
        {
            Guard(command, error);
            if (command.Action is { } inner)
            {
                var path = PathOf(command);
                command.SetAction((result, cancellationToken) => RunAsync(path, inner, result, error, cancellationToken));
            }
        }
    }

    /// <summary>The least role a command needs.</summary>
    public static OperatorRole Needed(string path) => path switch
    {
        "status" or "audit" or "certs list" or "operator list" or "rollout list" or "rollout status" or "exporter" => OperatorRole.ReadOnly,
        _ when path.StartsWith("rollout ", StringComparison.Ordinal) => OperatorRole.Rollout,
        _ => OperatorRole.Ca,
    };

    private static async Task<int> RunAsync(string path, CommandLineAction inner, ParseResult result, TextWriter error, CancellationToken cancellationToken)
    {
        var fleet = new FleetDirectory(DirOf(result));
        OperatorIdentity identity;
        try
        {
            identity = Resolve(fleet, result.GetValue(OperatorOption));
            if (identity.Role < Needed(path))
            {
                throw new FleetException($"operator {identity.Name} is {OperatorRegistry.RoleName(identity.Role)}; '{path}' needs the {OperatorRegistry.RoleName(Needed(path))} role.");
            }
        }
        catch (FleetException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            Audit(fleet, new AuditEntry(DateTimeOffset.UtcNow, result.GetValue(OperatorOption) ?? "?", path, Arguments(result), 2));
            return 2;
        }

        OperatorIdentity.Current = identity;
        var code = inner switch
        {
            SynchronousCommandLineAction sync => sync.Invoke(result),
            AsynchronousCommandLineAction async => await async.InvokeAsync(result, cancellationToken),
            _ => throw new InvalidOperationException($"unknown action {inner.GetType()}"),
        };
        Audit(fleet, new AuditEntry(DateTimeOffset.UtcNow, identity.Name, path, Arguments(result), code));
        return code;
    }

    /// <summary>The command's <c>--dir</c>; a command without one (none today) works on <c>./fleet</c>.</summary>
    private static string DirOf(ParseResult result)
    {
        try
        {
            return result.GetValue<string>("--dir") ?? "fleet";
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return "fleet";
        }
    }

    private static OperatorIdentity Resolve(FleetDirectory fleet, string? requested)
    {
        if (!File.Exists(fleet.Registry))
        {
            return requested is null ? OperatorIdentity.Original(fleet) : throw new FleetException($"no operator named {requested}: {fleet.Path} has no registry yet.");
        }

        IReadOnlyList<OperatorEntry> operators;
        using (var registry = OperatorRegistry.Open(fleet))
        {
            operators = [.. registry.Operators().Where(o => !o.Removed)];
        }

        var name = requested ?? OperatorCommand.DefaultName(fleet);
        if (name is null)
        {
            return operators.Count == 0
                ? OperatorIdentity.Original(fleet)
                : throw new FleetException("this fleet has named operators: say who you are with --operator NAME (or set one: 'kafleet operator default NAME').");
        }

        var entry = operators.FirstOrDefault(o => o.Name == name) ?? throw new FleetException($"no operator named {name} (see 'kafleet operator list').");
        return new OperatorIdentity(entry.Name, entry.Role, OperatorDirectory.Certificate(fleet, entry.Name), OperatorDirectory.Key(fleet, entry.Name), Named: true);
    }

    private static void Audit(FleetDirectory fleet, AuditEntry entry)
    {
        if (!File.Exists(fleet.Registry))
        {
            return; // nothing to audit into (a failed 'ca init' on a new folder)
        }

        using var registry = OperatorRegistry.Open(fleet);
        registry.Record(entry);
    }

    private static string Arguments(ParseResult result) => string.Join(' ', result.Tokens.Select(t => t.Value.Contains(' ', StringComparison.Ordinal) ? $"\"{t.Value}\"" : t.Value));

    private static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }
}
