using System.CommandLine;
using System.Text.Json;
using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>status --broker-host H [--broker-port 8883] [--site S] [--wait-seconds 2] [--json]</c>: the fleet at a glance
/// from the kiosks' retained presence and metrics, joined with the registry.
/// </summary>
public static class StatusCommand
{
    /// <summary>The JSON form: camelCase, enums as snake_case strings, nulls written so every key is always there.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { ProtocolJson.EnumsByName() },
        WriteIndented = true,
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var (host, port) = CertsCommand.BrokerOptions();
        var site = new Option<string?>("--site") { Description = "Only this site's kiosks." };
        var wait = new Option<double>("--wait-seconds") { Description = "How long to collect retained messages (0.1–60).", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print a JSON document for scripts instead of the table." };
        var failOn = new Option<string?>("--fail-on") { Description = $"Exit {StatusFailOn.ExitCode} when any of these holds (for cron and monitoring): {string.Join(", ", StatusFailOn.Known)}." };
        var command = new Command("status", "The fleet at a glance: online or offline and since when, versions, answers, hand-overs, time to claim.")
        {
            dir, host, port, site, wait, json, failOn,
        };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var fleet = new FleetDirectory(result.GetValue(dir)!);
            var (brokerHost, brokerPort) = RememberedBroker.Resolve(fleet, result.GetValue(host), result.GetValue(port));
            return RunAsync(
                fleet,
                new StatusRequest(brokerHost, brokerPort, result.GetValue(site), result.GetValue(wait), result.GetValue(json))
                {
                    FailOn = StatusFailOn.Parse(result.GetValue(failOn)),
                },
                TimeProvider.System, output, cancellationToken);
        }));
        return command;
    }

    public static async Task<int> RunAsync(FleetDirectory fleet, StatusRequest request, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(output);
        Check(request);
        fleet.RequireCa();

        var seen = new FleetObservations();
        string broker;
        await using (var client = await OperatorConnection.ConnectAsync(fleet, request.BrokerHost, request.BrokerPort, cancellationToken))
        {
            broker = client.Address;
            client.MessageReceived += seen.Observe;
            await client.SubscribeAsync(FleetObservations.Filters(request.Site), cancellationToken);
            // Retained messages come right after the subscription; there is no marker for the last one, so wait.
            await Task.Delay(TimeSpan.FromSeconds(request.WaitSeconds), time, cancellationToken);
            if (!client.IsConnected)
            {
                throw new FleetException($"the broker at {broker} dropped {client.Identity.BrokerUser} while collecting (another command as the original kafleet-operator connected? 'kafleet operator add' gives each person an identity that does not collide); try again.");
            }

            client.MessageReceived -= seen.Observe;
        }

        IReadOnlyList<RegistryEntry> certificates;
        using (var registry = FleetRegistry.Open(fleet))
        {
            certificates = registry.Certificates();
        }

        var report = FleetStatusReport.Build(certificates, seen, broker, request.Site, time.GetUtcNow());
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, Json));
        }
        else
        {
            StatusTable.Write(report, output);
        }

        var fleetWide = request.FailOn.Contains("expiring") ? CertificateExpiries.Collect(fleet, report.At) : null;
        var failures = StatusFailOn.Failures(request.FailOn, report, certificates, fleetWide);
        foreach (var failure in request.Json ? [] : failures)
        {
            // On the output, after the table, so a cron mail or a check's log says why it failed (the JSON stays one
            // document: its kiosks' states say the same).
            output.WriteLine($"FAIL {failure}");
        }

        return failures.Count == 0 ? 0 : StatusFailOn.ExitCode;
    }

    private static void Check(StatusRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.BrokerHost) || Uri.CheckHostName(request.BrokerHost) == UriHostNameType.Unknown)
        {
            throw new FleetException($"--broker-host '{request.BrokerHost}' is not a host name or address.");
        }

        if (request.BrokerPort is < 1 or > 65535)
        {
            throw new FleetException($"--broker-port {request.BrokerPort} is not a port number.");
        }

        if (request.Site is not null && !Ids.IsValid(request.Site))
        {
            throw new FleetException($"--site '{request.Site}' is not a valid id (1–64 letters, digits, '-' or '_').");
        }

        if (request.WaitSeconds is not (>= 0.1 and <= 60))
        {
            throw new FleetException($"--wait-seconds {request.WaitSeconds} must be between 0.1 and 60.");
        }
    }
}
