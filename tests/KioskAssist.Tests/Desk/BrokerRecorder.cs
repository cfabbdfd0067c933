using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol.Broker;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Desk;

/// <summary>An MQTT subscriber on the test broker that keeps every message on its filters, to assert what a desk published.</summary>
public sealed class BrokerRecorder : IAsyncDisposable
{
    private readonly BrokerConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private BrokerRecorder(BrokerConnection connection)
    {
        _connection = connection;
        _connection.MessageReceived = (topic, payload) =>
        {
            Messages.Enqueue((topic, payload.ToArray()));
            return Task.CompletedTask;
        };
        _running = _connection.RunAsync(_stop.Token);
    }

    public ConcurrentQueue<(string Topic, byte[] Payload)> Messages { get; } = new();

    public static async Task<BrokerRecorder> StartAsync(MosquittoBroker broker, params string[] filters)
    {
        var settings = new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1 };
        var connection = new BrokerConnection(settings, $"test-rec-{Guid.NewGuid():N}"[..24], null, TimeProvider.System, NullLogger.Instance);
        await connection.SubscribeAsync(filters, TestContext.Current.CancellationToken);
        var recorder = new BrokerRecorder(connection);
        await connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
