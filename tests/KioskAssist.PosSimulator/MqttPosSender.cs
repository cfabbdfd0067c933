using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.PosSimulator;

/// <summary>
/// Publishes each event (QoS 1, structured mode, the CloudEvents MQTT binding) on <c>ka/v1/pos/{site}/{lane}/events</c>
/// as the lane's POS identity (a username/password or client certificate from <c>kafleet broker-config</c>).
/// </summary>
public sealed class MqttPosSender : IPosSender
{
    private readonly BrokerConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly string _topic;

    private MqttPosSender(BrokerSettings settings, string site, string lane)
    {
        _topic = Topics.PosEvents(site, lane);
        _connection = new BrokerConnection(settings, $"pos-{site}-{lane}-{Environment.ProcessId}", null, TimeProvider.System, NullLogger.Instance);
        _run = _connection.RunAsync(_stop.Token);
    }

    public static async Task<MqttPosSender> ConnectAsync(BrokerSettings settings, string site, string lane, CancellationToken cancellationToken)
    {
        var sender = new MqttPosSender(settings, site, lane);
        await sender._connection.WaitUntilConnectedAsync(cancellationToken);
        return sender;
    }

    public async Task<string> SendAsync(byte[] cloudEvent, CancellationToken cancellationToken) =>
        await _connection.TryPublishAsync(_topic, cloudEvent, retain: false, cancellationToken) ? "published" : "not published";

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
