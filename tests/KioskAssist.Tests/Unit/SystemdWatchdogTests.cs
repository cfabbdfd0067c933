using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Unit;

/// <summary>The watchdog ping on a fake clock, to a notifier that records what systemd would receive.</summary>
[Trait("Category", "Unit")]
public sealed class SystemdWatchdogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notifier = new();
    private readonly SettableLiveness _liveness = new();

    [Fact]
    public async Task Pings_at_half_the_timeout_while_the_kiosk_is_alive()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(30));
        await watchdog.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => _notifier.Count == 1);

        // "Not before 15 s" is the interval itself, asserted as such: a fake clock offers no moment after which a ping
        // that did not come is proven absent, so the test does not sleep and hope.
        Assert.Equal(TimeSpan.FromSeconds(15), SystemdWatchdog.IntervalFor(TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => _notifier.Count == 2);
        _time.Advance(TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(() => _notifier.Count == 3);

        Assert.All(_notifier.States, state => Assert.Equal("WATCHDOG=1", state));
        await watchdog.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Withholds_the_ping_while_a_loop_has_stopped_and_resumes_when_it_recovers()
    {
        using var watchdog = Create(TimeSpan.FromSeconds(20));
        await watchdog.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => _notifier.Count == 1);

        _liveness.Problem = "OutboxDelivery stopped";
        for (var tick = 0; tick < 3; tick++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Eventually.TrueAsync(() => _liveness.Asked >= tick + 2);
        }

        Assert.Equal(1, _notifier.Count);

        _liveness.Problem = null;
        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => _notifier.Count == 2);
        await watchdog.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Does_nothing_when_systemd_set_no_watchdog()
    {
        using var watchdog = Create(timeout: null);

        await watchdog.StartAsync(TestContext.Current.CancellationToken);
        await watchdog.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, _notifier.Count);
        Assert.Equal(0, _liveness.Asked);
    }

    [Fact]
    public async Task Does_nothing_when_not_started_by_systemd()
    {
        _notifier.Enabled = false;
        using var watchdog = Create(TimeSpan.FromSeconds(30));

        await watchdog.StartAsync(TestContext.Current.CancellationToken);
        await watchdog.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, _notifier.Count);
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("5500000", "", 5.5)]
    [InlineData("30000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData("-5", null, null)]
    [InlineData("thirty", null, null)]
    [InlineData(null, "4242", null)]
    public void Reads_the_timeout_systemd_set_for_this_process(string? usec, string? pid, double? seconds)
    {
        var variables = new Dictionary<string, string?> { ["WATCHDOG_USEC"] = usec, ["WATCHDOG_PID"] = pid };

        var timeout = WatchdogTimeout.FromEnvironment(name => variables.GetValueOrDefault(name), processId: 4242);

        Assert.Equal(seconds, timeout?.TotalSeconds);
    }

    private SystemdWatchdog Create(TimeSpan? timeout) =>
        new(_notifier, _liveness, timeout, _time, NullLogger<SystemdWatchdog>.Instance);

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _states = [];

        public bool Enabled { get; set; } = true;

        public bool IsEnabled => Enabled;

        public int Count
        {
            get
            {
                lock (_states)
                {
                    return _states.Count;
                }
            }
        }

        public IReadOnlyList<string> States
        {
            get
            {
                lock (_states)
                {
                    return [.. _states];
                }
            }
        }

        public void Notify(ServiceState state)
        {
            lock (_states)
            {
                _states.Add(state.ToString());
            }
        }
    }

    private sealed class SettableLiveness : IKioskLiveness
    {
        private int _asked;
        private volatile string? _problem;

        public string? Problem
        {
            get => _problem;
            set => _problem = value;
        }

        public int Asked => Volatile.Read(ref _asked);

        string? IKioskLiveness.Problem()
        {
            Interlocked.Increment(ref _asked);
            return Problem;
        }
    }
}
