using KioskAssist.FirmwareHost.HelpCall;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class HelpOptionsRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("$SYS/broker/connection/central/state")]
    [InlineData("store/bridge/state")]
    public void Accepts_no_bridge_or_one_plain_topic(string topic)
    {
        var result = new HelpOptionsRules().Validate(null, new HelpOptions { BridgeStateTopic = topic });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("$SYS/broker/connection/+/state")]
    [InlineData("$SYS/#")]
    [InlineData("/leading/slash")]
    [InlineData("trailing/slash/")]
    public void Refuses_a_bridge_topic_that_is_a_filter_or_malformed(string topic)
    {
        var result = new HelpOptionsRules().Validate(null, new HelpOptions { BridgeStateTopic = topic });

        Assert.True(result.Failed);
        Assert.Contains("Help:BridgeStateTopic", result.FailureMessage, StringComparison.Ordinal);
    }
}
