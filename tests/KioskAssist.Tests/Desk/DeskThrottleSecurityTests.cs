using KioskAssist.AgentDesk.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Desk;

/// <summary>The sign-in throttle's limits on a fake clock: per account and address, per address, and overall.</summary>
[Trait("Category", "Unit")]
public sealed class DeskThrottleSecurityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Spraying_many_ids_from_one_address_is_throttled_and_other_addresses_are_not()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new SignInThrottle(time);
        var allowed = 0;
        for (var i = 0; i < 40; i++)
        {
            if (throttle.Check(null, "203.0.113.9") == ThrottleVerdict.Allowed)
            {
                allowed++;
                throttle.Failed(null, "203.0.113.9");
            }
        }

        Assert.Equal(SignInThrottle.MaxPerAddress, allowed);
        Assert.Equal(ThrottleVerdict.Address, throttle.Check("ana", "203.0.113.9"));
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("ana", "198.51.100.7"));
        time.Advance(SignInThrottle.Window);
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check(null, "203.0.113.9"));
    }

    [Fact]
    public void The_overall_cap_stops_guessing_from_many_addresses_but_not_an_address_that_signed_in_lately()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new SignInThrottle(time);
        throttle.Succeeded("ana", "198.51.100.7");
        for (var i = 0; i < SignInThrottle.MaxOverall; i++)
        {
            throttle.Failed("ana", $"10.{i / 250}.{i % 250}.1");
        }

        Assert.Equal(ThrottleVerdict.Overall, throttle.Check("ana", "10.200.0.1"));
        Assert.Equal(ThrottleVerdict.Overall, throttle.Check(null, "192.0.2.44"));
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check("ana", "198.51.100.7"));

        time.Advance(SignInThrottle.Window);
        Assert.Equal(ThrottleVerdict.Allowed, throttle.Check(null, "192.0.2.44"));
    }

    [Fact]
    public void A_right_password_does_not_reset_the_address_count()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider(T0));
        for (var i = 0; i < SignInThrottle.MaxPerAddress - 1; i++)
        {
            throttle.Failed(null, "203.0.113.9");
        }

        // An attacker with an account of their own cannot sign in between guesses to start the count again.
        throttle.Succeeded("mallory", "203.0.113.9");
        throttle.Failed(null, "203.0.113.9");
        Assert.Equal(ThrottleVerdict.Address, throttle.Check("mallory", "203.0.113.9"));
    }
}
