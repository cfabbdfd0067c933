using System.Collections.Concurrent;
using MQTTnet;

namespace KioskAssist.Tests.Provisioning;

/// <summary>An MQTT client and every message it received as "topic payload", in order. The caller disposes it.</summary>
public sealed class MqttTestClient : IDisposable
{
    public MqttTestClient(IMqttClient mqtt)
    {
        Mqtt = mqtt;
        mqtt.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue($"{e.ApplicationMessage.Topic} {e.ApplicationMessage.ConvertPayloadToString()}");
            return Task.CompletedTask;
        };
    }

    public IMqttClient Mqtt { get; }

    public ConcurrentQueue<string> Received { get; } = new();

    public Task SubscribeAsync(params string[] filters)
    {
        var options = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            options.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS());
        }

        return Mqtt.SubscribeAsync(options.Build(), TestContext.Current.CancellationToken);
    }

    public Task PublishAsync(string topic, string payload, bool retain = false) =>
        Mqtt.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken);

    public void Dispose() => Mqtt.Dispose();
}
