using System.CommandLine;
using KioskAssist.Provisioning;

namespace KioskAssist.Tests.Unit;

/// <summary>
/// The role every kafleet command needs, read from the real command tree: the commands that only look (fleet-ops'
/// rollout list/status and the exporter among them) are read-only, those that send to kiosks need the rollout role,
/// and the rest (the CA's work) need ca. A new command shows up here and must be placed on purpose.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperatorRolesTests
{
    [Fact]
    public void Each_command_needs_the_least_role_that_fits_what_it_does()
    {
        var root = FleetCli.Create(TextReader.Null, TextWriter.Null, TextWriter.Null);
        var roles = Leaves(root, string.Empty).ToDictionary(path => path, OperatorGate.Needed);

        string[] readOnly = ["status", "audit", "certs list", "operator list", "rollout list", "rollout status", "exporter"];
        string[] rollout = ["rollout model", "rollout answers", "rollout abort", "rollout promote"];
        Assert.Equal(readOnly.Order(), roles.Where(r => r.Value == OperatorRole.ReadOnly).Select(r => r.Key).Order());
        Assert.Equal(rollout.Order(), roles.Where(r => r.Value == OperatorRole.Rollout).Select(r => r.Key).Order());
        Assert.Contains("provision", roles.Keys);
        Assert.Equal(OperatorRole.Ca, roles["certs sign-pending"]);
    }

    private static IEnumerable<string> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var name = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            if (sub.Action is not null)
            {
                yield return name;
            }

            foreach (var leaf in Leaves(sub, name))
            {
                yield return leaf;
            }
        }
    }
}
