using System.CommandLine;
using System.Text.Json;

namespace KioskAssist.Provisioning;

/// <summary><c>audit [--limit 50] [--json]</c>: who ran which kafleet command, when, with which arguments and how it ended.</summary>
public static class AuditCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var limit = new Option<int>("--limit") { Description = "How many of the latest entries (1–100000).", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print JSON for scripts." };
        var command = new Command("audit", "The audit log: who ran what, when, with which arguments, and the exit code.") { dir, limit, json };
        command.SetAction(result => FleetCli.Run(error, () =>
        {
            var fleet = new FleetDirectory(result.GetValue(dir)!);
            fleet.RequireCa();
            var count = result.GetValue(limit);
            if (count is < 1 or > 100_000)
            {
                throw new FleetException($"--limit {count} must be 1–100000.");
            }

            using var registry = OperatorRegistry.Open(fleet);
            var entries = registry.Audit(count);
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(entries, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
                return 0;
            }

            foreach (var entry in entries)
            {
                output.WriteLine($"{entry.At:yyyy-MM-dd HH:mm:ss}  {entry.Operator,-18} exit {entry.ExitCode}  {entry.Arguments}");
            }

            return 0;
        }));
        return command;
    }
}
