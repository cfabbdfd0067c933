using System.CommandLine;
using System.Net;

namespace KioskAssist.Provisioning;

/// <summary><c>exporter --listen 127.0.0.1:9464 [--broker-host H] [--broker-port 8883]</c> (default: the remembered broker): the Prometheus exporter, until Ctrl+C.</summary>
public static class ExporterCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var listen = new Option<string>("--listen") { Description = "Address and port to serve /metrics on.", DefaultValueFactory = _ => "127.0.0.1:9464" };
        var (host, port) = CertsCommand.BrokerOptions();
        var command = new Command("exporter", "Serve the kiosks' retained presence and metrics on /metrics for Prometheus (runs until stopped).") { dir, listen, host, port };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var text = result.GetValue(listen)!;
            if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0)
            {
                throw new FleetException($"--listen '{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:9464).");
            }

            var fleet = new FleetDirectory(result.GetValue(dir)!);
            var (brokerHost, brokerPort) = RememberedBroker.Resolve(fleet, result.GetValue(host), result.GetValue(port));
            if (brokerPort is < 1 or > 65535)
            {
                throw new FleetException($"--broker-port {brokerPort} is not a port number.");
            }

            return new FleetExporter(fleet).RunAsync(brokerHost, brokerPort, endpoint, output, cancellationToken);
        }));
        return command;
    }
}
