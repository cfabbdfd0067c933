using System.CommandLine;

namespace KioskAssist.Provisioning;

/// <summary><c>broker-config --out DIR [--port 8883] [--agent-port 8884] [--host NAME…]</c></summary>
public static class BrokerConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var outDir = new Option<string>("--out") { Description = "Folder to write mosquitto.conf, acl, passwd and the certificates into.", Required = true };
        var port = new Option<int>("--port") { Description = "Mutual-TLS port for kiosks and the operator.", DefaultValueFactory = _ => 8883 };
        var agentPort = new Option<int>("--agent-port") { Description = "TLS port with password logins for agent desks.", DefaultValueFactory = _ => 8884 };
        var hosts = new Option<string[]>("--host")
        {
            Description = "Host name or IP address clients use for the broker (repeat for several).",
            DefaultValueFactory = _ => ["localhost"],
            AllowMultipleArgumentsPerToken = true,
        };
        var install = new Option<string?>("--install-dir") { Description = "Where the files will live on the broker machine (default: the --out folder)." };
        var persistence = new Option<string>("--persistence-dir") { Description = "Mosquitto's persistence folder.", DefaultValueFactory = _ => "/var/lib/mosquitto/" };
        var operatorPort = new Option<int?>("--operator-port") { Description = "Mutual-TLS port for named operators (from 'kafleet operator add'); default --port + 2." };
        var user = new Option<string>("--user") { Description = "Account Mosquitto runs as after starting as root.", DefaultValueFactory = _ => "mosquitto" };

        var command = new Command("broker-config", "Write a Mosquitto configuration: mutual TLS, per-kiosk ACL, agent logins, CRL.")
        {
            dir, outDir, port, agentPort, hosts, install, persistence, user,
        };
        command.Add(operatorPort);
        command.SetAction(result => FleetCli.Run(error, () =>
        {
            var target = Path.GetFullPath(result.GetValue(outDir)!);
            var persist = result.GetValue(persistence)!;
            var request = new BrokerConfigRequest(
                target, (result.GetValue(install) ?? target).TrimEnd('/'), result.GetValue(hosts)!, result.GetValue(port), result.GetValue(agentPort),
                persist.EndsWith('/') ? persist : persist + "/", result.GetValue(user)!, result.GetValue(operatorPort));
            return new BrokerConfigWriter(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).Write(request, output);
        }));
        return command;
    }
}
