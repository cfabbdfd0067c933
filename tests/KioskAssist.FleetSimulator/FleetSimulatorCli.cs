using System.CommandLine;
using KioskAssist.Protocol.Broker;
using KioskAssist.Testing;
using Microsoft.Extensions.Logging;

namespace KioskAssist.FleetSimulator;

/// <summary>
/// <c>kioskassist-fleetsim [--kiosks N] [--agents M] [--arrival-rate λ] [--handling-mean S] …</c>: N simulated kiosks and
/// M simulated agents through a real Mosquitto (started on a free loopback port, or <c>--broker-host</c>/<c>--broker-port</c>);
/// prints time to claim next to Erlang C, and memory per kiosk. The report goes to <c>output</c>, progress and log lines to <c>error</c>.
/// </summary>
public static class FleetSimulatorCli
{
    /// <summary>Mosquitto's own default is unlimited too; written out because a site configuration may set it.</summary>
    public const string BrokerConfiguration = "max_connections -1";

    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var defaults = new SimulationSettings();
        var kiosks = new Option<int>("--kiosks") { Description = "Simulated kiosks, each its own MQTT connection.", DefaultValueFactory = _ => defaults.Kiosks };
        var perSite = new Option<int>("--kiosks-per-site") { Description = "Kiosks per site id.", DefaultValueFactory = _ => defaults.KiosksPerSite };
        var agents = new Option<int>("--agents") { Description = "M: simulated agents, each its own desk connection.", DefaultValueFactory = _ => defaults.Agents };
        var rate = new Option<double>("--arrival-rate") { Description = "λ: help requests per second, whole fleet.", DefaultValueFactory = _ => defaults.ArrivalRate };
        var handling = new Option<double>("--handling-mean") { Description = "1/μ: mean seconds an agent holds a request.", DefaultValueFactory = _ => defaults.HandlingMeanSeconds };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of load left out of the statistics.", DefaultValueFactory = _ => defaults.WarmupSeconds };
        var duration = new Option<double>("--duration") { Description = "Seconds of measured load after the warm-up.", DefaultValueFactory = _ => defaults.DurationSeconds };
        var seed = new Option<int>("--seed") { Description = "Seed of the arrivals, handling times and kiosk choice.", DefaultValueFactory = _ => defaults.Seed };
        var probes = new Option<int>("--probes") { Description = "Requests raised one at a time with every agent free (protocol overhead).", DefaultValueFactory = _ => defaults.Probes };
        var threshold = new Option<double>("--wait-threshold") { Description = "t, seconds, of the P(W > t) column.", DefaultValueFactory = _ => defaults.WaitThresholdSeconds };
        var concurrency = new Option<int>("--connect-concurrency") { Description = "Kiosks connecting at once.", DefaultValueFactory = _ => defaults.ConnectConcurrency };
        var drain = new Option<double>("--drain") { Description = "Seconds to wait for the last requests to finish.", DefaultValueFactory = _ => defaults.DrainSeconds };
        var host = new Option<string?>("--broker-host") { Description = "Use this broker instead of starting Mosquitto on a free loopback port." };
        var port = new Option<int>("--broker-port") { Description = "Port of --broker-host.", DefaultValueFactory = _ => 1883 };
        var brokerPid = new Option<int?>("--broker-pid") { Description = "Process id of --broker-host's Mosquitto, to report its memory." };
        var command = new RootCommand("KioskAssist fleet simulator: N kiosks raise help requests as a Poisson process, M agents claim them first come first served through Mosquitto; time to claim against Erlang C.")
        {
            kiosks, perSite, agents, rate, handling, warmup, duration, seed, probes, threshold, concurrency, drain, host, port, brokerPid,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new SimulationSettings
            {
                Kiosks = result.GetValue(kiosks),
                KiosksPerSite = result.GetValue(perSite),
                Agents = result.GetValue(agents),
                ArrivalRate = result.GetValue(rate),
                HandlingMeanSeconds = result.GetValue(handling),
                WarmupSeconds = result.GetValue(warmup),
                DurationSeconds = result.GetValue(duration),
                Seed = result.GetValue(seed),
                Probes = result.GetValue(probes),
                WaitThresholdSeconds = result.GetValue(threshold),
                ConnectConcurrency = result.GetValue(concurrency),
                DrainSeconds = result.GetValue(drain),
            };
            if (settings.Validate() is { } problem)
            {
                await error.WriteLineAsync($"error: {problem}");
                return 2;
            }

            using var logging = LoggerFactory.Create(builder => builder
                .SetMinimumLevel(LogLevel.Warning)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("KioskAssist", LogLevel.Warning));
            try
            {
                if (result.GetValue(host) is { Length: > 0 } brokerHost)
                {
                    var given = await RunAsync(settings, brokerHost, result.GetValue(port), result.GetValue(brokerPid), logging, error, cancellationToken);
                    SimulationReport.Write(given, output);
                    return 0;
                }

                await using var mosquitto = await MosquittoBroker.StartAsync(tcpNoDelay: true, BrokerConfiguration);
                var run = await RunAsync(settings, mosquitto.Host, mosquitto.Port, mosquitto.ProcessId, logging, error, cancellationToken);
                SimulationReport.Write(run, output);
                return 0;
            }
            catch (SimulationException e)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>One run against a broker that is already there; what the CLI and the tests both call.</summary>
    public static Task<SimulationResult> RunAsync(SimulationSettings settings, string host, int port, int? brokerProcessId, ILoggerFactory logging, TextWriter progress, CancellationToken cancellationToken)
    {
        // Shorter reconnect waits than a kiosk's: a simulated fleet that lost the broker should be back before the run ends.
        var broker = new BrokerSettings { Host = host, Port = port, ReconnectMinSeconds = 0.5, ReconnectMaxSeconds = 5 };
        return new FleetSimulation(settings, broker, brokerProcessId, logging, progress).RunAsync(cancellationToken);
    }
}
