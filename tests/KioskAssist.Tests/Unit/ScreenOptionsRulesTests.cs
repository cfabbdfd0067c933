using KioskAssist.FirmwareHost.Screen;

namespace KioskAssist.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ScreenOptionsRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Accepts_loopback_addresses(string address)
    {
        var result = new ScreenOptionsRules().Validate(null, Options(address));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("kiosk.local")]
    public void Refuses_to_serve_the_page_beyond_loopback(string address)
    {
        var result = new ScreenOptionsRules().Validate(null, Options(address));

        Assert.True(result.Failed);
        Assert.Contains("Screen:BindAddress", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_a_default_language_that_is_not_offered()
    {
        var options = Options("127.0.0.1");
        options.DefaultLanguage = "fr";

        var result = new ScreenOptionsRules().Validate(null, options);

        Assert.Contains("Screen:DefaultLanguage", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ScreenOptions Options(string address) => new() { BindAddress = address, Languages = ["en", "id"], DefaultLanguage = "en" };
}
