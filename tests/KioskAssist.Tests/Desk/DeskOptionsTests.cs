using KioskAssist.AgentDesk.Hosting;
using KioskAssist.Tests.Support;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Desk;

/// <summary>A bad setting stops the desk at start with a message that names the key.</summary>
[Trait("Category", "Integration")]
public sealed class DeskOptionsTests
{
    [Theory]
    [InlineData("--Desk:BindAddress=0.0.0.0", "Desk:BindAddress")]
    [InlineData("--Desk:Port=70000", "Desk:Port")]
    [InlineData("--Desk:Id=no spaces", "Desk:Id")]
    [InlineData("--Broker:Host=", "Broker:Host")]
    [InlineData("--Broker:Port=0", "Broker:Port")]
    public async Task A_bad_setting_stops_the_desk_naming_the_key(string setting, string key)
    {
        using var data = new TempDirectory();
        string[] args = ["--Desk:Port=0", $"--Desk:DataDirectory={data.Path}", "--Logging:LogLevel:Default=None", setting];

        // Kestrel reads the desk's options while the host is built, the rest are checked at start: Program catches both.
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = DeskApplication.Create(args);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains(failure.Failures, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void A_remote_bind_address_needs_allow_remote()
    {
        var rules = new DeskOptionsRules();

        Assert.True(rules.Validate(null, new DeskOptions { BindAddress = "::1" }).Succeeded);
        Assert.False(rules.Validate(null, new DeskOptions { BindAddress = "10.0.0.5" }).Succeeded);
        Assert.True(rules.Validate(null, new DeskOptions { BindAddress = "10.0.0.5", AllowRemote = true }).Succeeded);
    }
}
