using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>ca init [--dir DIR] [--name NAME] [--force]</c></summary>
public static class CaInitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var name = new Option<string>("--name") { Description = "The CA's common name.", DefaultValueFactory = _ => "KioskAssist Fleet CA" };
        var force = new Option<bool>("--force") { Description = "Replace an existing CA: every certificate it issued stops being trusted by new bundles." };

        var init = new Command("init", "Create the fleet CA (ECDSA P-256, 10 years), the rollout signing key and the operator's certificate.") { dir, name, force };
        init.SetAction(result => FleetCli.Run(error, () =>
        {
            CaInitializer.Run(new FleetDirectory(result.GetValue(dir)!), result.GetValue(name)!, result.GetValue(force), TimeProvider.System, output);
            return 0;
        }));
        return new Command("ca", "The fleet's certificate authority.") { init };
    }
}
