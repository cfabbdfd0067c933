using System.Buffers;
using System.Collections.Concurrent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Broker;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// A bare protocol peer playing the fleet operator on a plain test Mosquitto (no ACL): publishes commands and packages,
/// retained as <c>kafleet</c> does, and keeps every rollout report the kiosks send.
/// </summary>
/// <remarks>Reports are collected on the connection's receive loop; <see cref="Reports"/> is safe to read from the test.</remarks>
public sealed class FleetOperator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private FleetOperator(MosquittoBroker broker)
    {
        Connection = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1, ReconnectMaxSeconds = 1 },
            $"operator-{Guid.NewGuid():N}"[..20], null, TimeProvider.System, NullLogger.Instance)
        {
            MessageReceived = OnMessage,
        };
        _run = Connection.RunAsync(_stop.Token);
    }

    public BrokerConnection Connection { get; }

    /// <summary>Every rollout report received, in order (a retained one again on each reconnect).</summary>
    public ConcurrentQueue<RolloutReportMessage> Reports { get; } = new();

    public static async Task<FleetOperator> ConnectAsync(MosquittoBroker broker)
    {
        var fleet = new FleetOperator(broker);
        await fleet.Connection.SubscribeAsync([FleetTopics.AllRolloutReports], CancellationToken.None);
        await fleet.Connection.WaitUntilConnectedAsync(TestContext.Current.CancellationToken);
        return fleet;
    }

    /// <summary>Publishes retained (as the operator's tools do) and fails the test if the broker did not take it.</summary>
    public async Task PublishRetainedAsync(string topic, byte[] payload) =>
        Assert.True(await Connection.TryPublishAsync(topic, payload, retain: true, TestContext.Current.CancellationToken), $"publish to {topic}");

    /// <summary>Waits for the report on <paramref name="rolloutId"/>.</summary>
    public Task<RolloutReportMessage> ReportOnAsync(string rolloutId) =>
        Support.Eventually.ValueAsync(() => Reports.FirstOrDefault(r => r.RolloutId == rolloutId));

    private Task OnMessage(string topic, ReadOnlySequence<byte> payload)
    {
        if (ProtocolJson.TryDecode<RolloutReportMessage>(payload, out var report, out _))
        {
            Reports.Enqueue(report!);
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

        await Connection.DisposeAsync();
        _stop.Dispose();
    }
}
