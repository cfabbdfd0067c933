using System.Net;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>kafleet exporter --listen 127.0.0.1:9464</c>: a small service that keeps a subscription to every kiosk's retained
/// presence and metrics (as the operator, reconnecting with backoff) and serves them on <c>/metrics</c> for Prometheus,
/// one series per kiosk. Values are read from the latest messages at each scrape, so a kiosk's series change when
/// its next metrics message arrives (at most every 5 s on change). Stops when <paramref name="stop"/> fires.
/// </summary>
public sealed class FleetExporter(FleetDirectory fleet)
{
    public async Task<int> RunAsync(string brokerHost, int brokerPort, IPEndPoint listen, TextWriter output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        // The acting operator (OperatorGate set it; 'exporter' needs only the read-only role).
        var identity = OperatorIdentity.IsSet ? OperatorIdentity.Current : OperatorIdentity.Original(fleet);
        if (!File.Exists(identity.CertificateFile) || !File.Exists(identity.KeyFile))
        {
            throw new FleetException($"no certificate for operator {identity.Name} in {fleet.Path}: run 'kafleet {(identity.Named ? "operator add" : "ca init")}' first.");
        }

        if (identity.Named)
        {
            brokerPort = RememberedBroker.Load(fleet).OperatorPort
                ?? throw new FleetException($"no operator port is known in {fleet.Path}: run 'kafleet broker-config' (it writes the operators' listener and remembers it).");
        }

        var seen = new FleetObservations();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var gauges = new FleetGauges(Prometheus.Metrics.WithCustomRegistry(registry));
        registry.AddBeforeCollectCallback(() => gauges.Update(seen, RegistryKiosks()));

        var settings = new BrokerSettings
        {
            Host = brokerHost, Port = brokerPort, UseTls = true, CaCertificateFile = fleet.CaCertificate,
            ClientCertificateFile = identity.CertificateFile, ClientKeyFile = identity.KeyFile, ReconnectMinSeconds = 1, ReconnectMaxSeconds = 30,
        };
        // Not an OperatorConnection: a long-running service must reconnect, which BrokerConnection does with backoff.
        // On the operator port its client id is its own ("-exporter-" and random hex), so the operator's other
        // commands never knock it off; the original kafleet-operator's id is forced by the broker (one at a time).
        var clientId = identity.Named
            ? $"{identity.BrokerUser}-exporter-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}"
            : identity.BrokerUser;
        await using var connection = new BrokerConnection(settings, clientId, null, TimeProvider.System, NullLogger.Instance);
        connection.MessageReceived = (topic, payload) =>
        {
            seen.Observe(topic, payload);
            return Task.CompletedTask;
        };
        await connection.SubscribeAsync(FleetObservations.Filters(null), stop);
        var run = connection.RunAsync(stop);

        using var server = new MetricServer(listen.Address.ToString(), listen.Port, "metrics/", registry);
        server.Start();
        await output.WriteLineAsync($"kafleet exporter: http://{listen}/metrics for the kiosks on {settings.Describe()}; Ctrl+C stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await server.StopAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private IReadOnlyList<(string Site, string Kiosk, bool Revoked)> RegistryKiosks()
    {
        using var registry = FleetRegistry.Open(fleet);
        return [.. registry.Certificates()
            .Where(c => c.Kind == CertificateKind.Kiosk)
            .GroupBy(c => (c.Site, c.Kiosk))
            .Select(g => (g.Key.Site, g.Key.Kiosk, g.All(c => c.Status == CertificateStatus.Revoked)))];
    }
}
