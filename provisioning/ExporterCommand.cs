using System.CommandLine;
using System.Net;

namespace KioskAssist.Provisioning;

/// <summary><c>exporter --listen 127.0.0.1:9464 --broker-host H [--broker-port 8883]</c>: the Prometheus exporter, until Ctrl+C.</summary>
public static class ExporterCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var listen = new Option<string>("--listen") { Description = "Address and port to serve /metrics on.", DefaultValueFactory = _ => "127.0.0.1:9464" };
        var host = new Option<string>("--broker-host") { Description = "The broker (a name its certificate holds).", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--broker-port") { Description = "The broker's mutual-TLS port.", DefaultValueFactory = _ => 8883 };
        var command = new Command("exporter", "Serve the kiosks' retained presence and metrics on /metrics for Prometheus (runs until stopped).") { dir, listen, host, port };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var text = result.GetValue(listen)!;
            if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0)
            {
                throw new FleetException($"--listen '{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:9464).");
            }

            if (result.GetValue(port) is < 1 or > 65535)
            {
                throw new FleetException($"--broker-port {result.GetValue(port)} is not a port number.");
            }

            return new FleetExporter(new FleetDirectory(result.GetValue(dir)!)).RunAsync(result.GetValue(host)!, result.GetValue(port), endpoint, output, cancellationToken);
        }));
        return command;
    }
}
