using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Provisioning;

/// <summary>
/// kafleet's connection to the broker as the operator (mutual TLS with <c>operator.crt</c>): publishes fleet commands
/// and packages, and collects the kiosks' rollout reports (subscribed before anything is published, so none is
/// missed; retained ones from earlier rollouts arrive too and are told apart by rollout id). Dispose to disconnect.
/// </summary>
public sealed class OperatorLink : IAsyncDisposable
{
    private readonly BrokerConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    private OperatorLink(BrokerConnection connection) => _connection = connection;

    /// <summary>Reports as they arrive (malformed ones are skipped: kafleet only shows what kiosks said).</summary>
    public ConcurrentQueue<RolloutReportMessage> Reports { get; } = new();

    public static async Task<OperatorLink> ConnectAsync(FleetDirectory fleet, string host, int port, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (!File.Exists(fleet.OperatorCertificate) || !File.Exists(fleet.OperatorKey))
        {
            throw new FleetException($"no operator certificate in {fleet.Path}: run 'kafleet ca init' first.");
        }

        if (port is < 1 or > 65535)
        {
            throw new FleetException($"--broker-port {port} is not a port number.");
        }

        var settings = new BrokerSettings
        {
            Host = host,
            Port = port,
            UseTls = true,
            CaCertificateFile = fleet.CaCertificate,
            ClientCertificateFile = fleet.OperatorCertificate,
            ClientKeyFile = fleet.OperatorKey,
            ReconnectMinSeconds = 0.2,
            ReconnectMaxSeconds = 2,
        };
        var connection = new BrokerConnection(settings, CaInitializer.OperatorIdentity, null, TimeProvider.System, NullLogger.Instance);
        var link = new OperatorLink(connection);
        connection.MessageReceived = link.OnMessageAsync;
        await connection.SubscribeAsync([FleetTopics.AllRolloutReports], CancellationToken.None);
        link._run = connection.RunAsync(link._stop.Token);
        try
        {
            await connection.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            await link.DisposeAsync();
            throw new FleetException($"could not connect to the broker at {settings.Describe()} as {CaInitializer.OperatorIdentity} within {patience.TotalSeconds:F0} s.");
        }

        return link;
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain)
    {
        if (!await _connection.TryPublishAsync(topic, payload, retain, _stop.Token))
        {
            throw new FleetException($"the broker did not take the message on {topic}.");
        }
    }

    private Task OnMessageAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > 0 && ProtocolJson.TryDecode<RolloutReportMessage>(payload, out var report, out _)
            && topic == FleetTopics.RolloutReport(report.Site, report.Kiosk))
        {
            Reports.Enqueue(report);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
