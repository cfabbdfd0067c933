using System.Diagnostics;
using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Logging.Abstractions;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Publishes bad payloads through a real broker one at a time and, after each, waits for the receiver's own counters
/// to say it dropped exactly that one — so a payload that is accepted, counted twice or lost (a handler that threw)
/// is named in the failure, not hidden in a total. The receiver must get no other traffic meanwhile.
/// </summary>
/// <remarks>Not thread-safe: one test drives it. Dispose to disconnect.</remarks>
public sealed class DropCheck : IAsyncDisposable
{
    /// <summary>
    /// Long, because a drop is normally counted in milliseconds but a loaded 2-core machine has stalled the receiver for
    /// over 10 s (the counts then caught up); only a payload that is never counted waits this long.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const int FailuresBeforeGivingUp = 5;

    private readonly BrokerConnection _publisher;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Func<long> _dropped;
    private readonly Func<long> _acted;
    private readonly List<string> _failures = [];

    private DropCheck(MosquittoBroker broker, Func<long> dropped, Func<long> acted)
    {
        (_dropped, _acted) = (dropped, acted);
        _publisher = new BrokerConnection(
            new BrokerSettings { Host = broker.Host, Port = broker.Port, ReconnectMinSeconds = 0.1 }, $"fuzz-{Guid.NewGuid():N}"[..20], null,
            TimeProvider.System, NullLogger.Instance);
        _running = _publisher.RunAsync(_stop.Token);
    }

    /// <summary>Publishes the broker acknowledged (so the receiver, subscribed at QoS 1, gets them).</summary>
    public int Sent { get; private set; }

    /// <summary>Publishes the broker did not acknowledge; none expected from a default Mosquitto, even at 1 MiB.</summary>
    public List<string> RefusedByBroker { get; } = [];

    /// <summary>Sent payloads the receiver did not drop exactly once, with what happened instead.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>The longest time from publishing to the receiver's count, and which payload took it.</summary>
    public TimeSpan SlowestDrop { get; private set; }

    public string Slowest { get; private set; } = string.Empty;

    /// <summary>Payloads that took over half a second to be counted, for the test's output.</summary>
    public List<string> Slow { get; } = [];

    /// <param name="dropped">The receiver's count of dropped messages.</param>
    /// <param name="acted">Something that grows when the receiver accepts a message (a counter or a state version).</param>
    public static async Task<DropCheck> ConnectAsync(MosquittoBroker broker, Func<long> dropped, Func<long> acted)
    {
        var check = new DropCheck(broker, dropped, acted);
        await check._publisher.WaitUntilConnectedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return check;
    }

    public async Task SendAsync(string topic, BadPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_failures.Count >= FailuresBeforeGivingUp)
        {
            Assert.Fail($"Gave up after {_failures.Count} payloads were not dropped:\n" + string.Join('\n', _failures));
        }

        var (dropped, acted) = (_dropped(), _acted());
        var started = Stopwatch.GetTimestamp();
        if (!await _publisher.TryPublishAsync(topic, payload.Bytes, retain: false, TestContext.Current.CancellationToken))
        {
            RefusedByBroker.Add($"{payload} on {topic}");
            return;
        }

        Sent++;
        while (_dropped() == dropped && _acted() == acted && Stopwatch.GetElapsedTime(started) < Patience)
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > TimeSpan.FromMilliseconds(500))
        {
            Slow.Add($"{payload} {elapsed.TotalMilliseconds:F0} ms at {DateTime.UtcNow:HH:mm:ss.fff}");
        }

        if (elapsed > SlowestDrop)
        {
            (SlowestDrop, Slowest) = (elapsed, payload.Kind);
        }

        if (_acted() != acted)
        {
            _failures.Add($"{payload} on {topic}: accepted");
        }
        else if (_dropped() != dropped + 1)
        {
            _failures.Add($"{payload} on {topic}: dropped count went from {dropped} to {_dropped()} (a handler that threw counts nothing)");
        }
    }

    /// <summary>Publishes without checking what the receiver makes of it (e.g. a valid message to set the scene).</summary>
    public async Task PublishAsync(string topic, byte[] payload) =>
        Assert.True(await _publisher.TryPublishAsync(topic, payload, retain: false, TestContext.Current.CancellationToken), $"publish to {topic}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _publisher.DisposeAsync();
        _stop.Dispose();
    }
}
