using System.Net;
using System.Net.Sockets;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// With no broker configured (<c>Broker:Host</c> empty), runs an MQTTnet broker on 127.0.0.1:<c>Broker:Port</c>
/// so one command runs everything on a developer's machine; the agent desk joins the same port.
/// Loopback only: it has no authentication, so it must never face a network.
/// </summary>
public sealed class EmbeddedBroker(IOptions<BrokerSettings> settings, ILogger<EmbeddedBroker> logger) : IHostedService, IAsyncDisposable
{
    private MqttServer? _server;

    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Value.Host.Length > 0)
        {
            return;
        }

        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(settings.Value.Port)
            .WithPersistentSessions()
            .Build();
        var server = factory.CreateMqttServer(options);
        try
        {
            await server.StartAsync();
            _server = server;
            Log.EmbeddedBrokerStarted(logger, settings.Value.Port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Something already serves MQTT there (a local Mosquitto, or another kiosk in development): use it.
            server.Dispose();
            Log.EmbeddedBrokerPortTaken(logger, settings.Value.Port);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
