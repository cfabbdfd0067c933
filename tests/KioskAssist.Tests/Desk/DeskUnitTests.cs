using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Desk;

/// <summary>The desk's plain logic, without a broker or a host.</summary>
[Trait("Category", "Unit")]
public sealed class DeskUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_in_is_refused_for_an_id_from_one_address_after_five_wrong_passwords_until_the_window_passes()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new SignInThrottle(time);
        for (var i = 0; i < SignInThrottle.MaxPerAccountAndAddress; i++)
        {
            Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("ana", "203.0.113.9"));
            throttle.Failed("ana", "203.0.113.9");
        }

        Assert.Equal(ThrottleVerdict.AccountFromAddress, throttle.Check("ana", "203.0.113.9"));
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("ana", "198.51.100.7"));
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("budi", "203.0.113.9"));
        time.Advance(SignInThrottle.Window);
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("ana", "203.0.113.9"));
    }

    [Fact]
    public void The_median_time_to_claim_counts_each_claim_once_over_the_last_twenty()
    {
        var claims = new ClaimTimes();
        for (var i = 1; i <= 25; i++)
        {
            var key = new RequestKey("s", "k", $"r{i}");
            claims.Record(key, T0, T0.AddSeconds(i));
            claims.Record(key, T0, T0.AddSeconds(i)); // redelivered state: the same claim
        }

        Assert.Equal(20, claims.Count);
        Assert.Equal(15.5, claims.Median()); // claims 6..25 s
    }

    [Fact]
    public async Task A_waiting_view_wakes_on_each_change_and_the_view_is_stamped_with_the_time_it_is_read()
    {
        var time = new FakeTimeProvider(T0);
        var state = new DeskState("desk-1", time);
        var before = state.View();
        var waiting = state.WaitForChangeAsync(before.Version, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        state.AgentJoined("ana");
        state.AgentJoined("ana"); // a second tab: still one agent

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(3));
        var after = state.View();
        Assert.Equal(1, after.AgentsOnline);
        Assert.Equal(T0.AddMinutes(3), after.Now);
        state.AgentLeft("ana");
        Assert.Equal(1, state.LocalAgents);
        state.AgentLeft("ana");
        Assert.Equal(0, state.LocalAgents);
    }

    [Fact]
    public void The_queue_counts_agents_on_other_online_desks()
    {
        var state = new DeskState("desk-1", TimeProvider.System);
        state.AgentJoined("ana");
        state.ApplyDeskPresence(new DeskPresenceMessage("desk-2", "online", 3, T0));
        state.ApplyDeskPresence(new DeskPresenceMessage("desk-3", "offline", 0, T0));
        state.ApplyDeskPresence(new DeskPresenceMessage("desk-1", "online", 9, T0)); // our own retained presence: ignored

        Assert.Equal(4, state.Queue().AgentsOnline);
    }
}
