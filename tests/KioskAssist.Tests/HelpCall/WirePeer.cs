using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using KioskAssist.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// A bare MQTT client for the wire tests: records every message on the topics it subscribes to (in arrival order) and
/// publishes raw payloads, so a test can send what a desk would, or what an attacker would.
/// </summary>
public sealed class WirePeer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private WirePeer(MosquittoBroker broker, string clientId)
    {
        Connection = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
            clientId, null, TimeProvider.System, NullLogger.Instance)
        {
            MessageReceived = (topic, payload) =>
            {
                Received.Enqueue((topic, payload.ToArray()));
                return Task.CompletedTask;
            },
        };
        _run = Connection.RunAsync(_stop.Token);
    }

    public BrokerConnection Connection { get; }

    public ConcurrentQueue<(string Topic, byte[] Payload)> Received { get; } = new();

    public static async Task<WirePeer> ConnectAsync(MosquittoBroker broker, string clientId, params string[] topics)
    {
        var peer = new WirePeer(broker, clientId);
        if (topics.Length > 0)
        {
            await peer.Connection.SubscribeAsync(topics, CancellationToken.None);
        }

        await peer.Connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        return peer;
    }

    /// <summary>The messages received on <paramref name="topic"/>, decoded (an undecodable one fails the test).</summary>
    public IReadOnlyList<T> On<T>(string topic) where T : class, IProtocolMessage =>
        [.. Received.Where(m => m.Topic == topic).Select(m => HelpCallFixture.Decode<T>(m.Payload))];

    public Task<bool> PublishAsync(string topic, byte[] payload, bool retain = false) =>
        Connection.TryPublishAsync(topic, payload, retain, CancellationToken.None);

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

        await Connection.DisposeAsync();
        _stop.Dispose();
    }
}
