using System.Collections.Concurrent;
using KioskAssist.Protocol.Broker;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.Security;

/// <summary>
/// Issue #12: any agent login could push 60 MB messages at a kiosk (RSS 215 → 447 MB before they were dropped). On
/// MQTT 5 the client tells the broker its maximum packet size, and Mosquitto never sends it a larger one.
/// </summary>
[Trait("Category", "Security")]
public sealed class MaximumPacketSizeTests
{
    [Fact]
    public async Task On_mqtt_5_the_broker_never_sends_a_client_more_than_its_maximum_packet_size()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var received = new ConcurrentQueue<(string Topic, long Bytes)>();
        BrokerConnection Connect(string id, uint max) => new(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ProtocolVersion = 500, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
            id, null, TimeProvider.System, NullLogger.Instance)
        {
            MaximumPacketBytes = max,
            MessageReceived = (topic, payload) =>
            {
                received.Enqueue((topic, payload.Length));
                return Task.CompletedTask;
            },
        };
        using var stop = new CancellationTokenSource();
        await using var small = Connect("small-client", 64 * 1024);
        await using var sender = Connect("sender", 0);
        var runs = new[] { small.RunAsync(stop.Token), sender.RunAsync(stop.Token) };
        await small.SubscribeAsync(["big/#"], TestContext.Current.CancellationToken);
        await small.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        await sender.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);

        Assert.True(await sender.TryPublishAsync("big/flood", new byte[1024 * 1024], retain: false, TestContext.Current.CancellationToken));
        Assert.True(await sender.TryPublishAsync("big/sentinel", new byte[10], retain: false, TestContext.Current.CancellationToken));

        await Eventually.TrueAsync(() => received.Any(r => r.Topic == "big/sentinel"), "the small message after the large one arrives");
        Assert.DoesNotContain(received, r => r.Topic == "big/flood");
        await stop.CancelAsync();
        await Task.WhenAll(runs);
    }
}
