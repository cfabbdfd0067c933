using KioskAssist.Protocol.Broker;
using Microsoft.Extensions.Time.Testing;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class RepeatGateTests
{
    [Fact]
    public void The_first_occurrence_is_logged_then_one_per_period_with_the_count_held_back()
    {
        var time = new FakeTimeProvider();
        var gate = new RepeatGate(time, TimeSpan.FromMinutes(1));

        Assert.True(gate.ShouldLog(out var first));
        Assert.Equal(0, first);
        for (var second = 1; second < 60; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(gate.ShouldLog(out _), $"second {second}");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(gate.ShouldLog(out var held));
        Assert.Equal(59, held);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(gate.ShouldLog(out _));
    }

    [Fact]
    public void After_a_quiet_period_the_next_occurrence_is_logged_at_once()
    {
        var time = new FakeTimeProvider();
        var gate = new RepeatGate(time, TimeSpan.FromMinutes(1));
        Assert.True(gate.ShouldLog(out _));

        time.Advance(TimeSpan.FromHours(1));

        Assert.True(gate.ShouldLog(out var held));
        Assert.Equal(0, held);
    }
}
