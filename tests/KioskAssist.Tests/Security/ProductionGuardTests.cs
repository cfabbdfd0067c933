using KioskAssist.Tests.Support;
using Microsoft.Extensions.Options;

namespace KioskAssist.Tests.Security;

/// <summary>
/// Issue #12: the anonymous embedded broker and the simulated button started in any environment. In Production they
/// stop the host (Program maps the failure to exit 78, tests/…/Integration/KioskExitCodeTests) with the keys named.
/// </summary>
[Trait("Category", "Security")]
public sealed class ProductionGuardTests
{
    [Fact]
    public async Task Production_refuses_the_embedded_broker_and_the_simulated_button_unless_allowed()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            KioskServer.StartAsync("--Production:AllowEmbeddedBroker=false", "--Production:AllowSimulatedHardware=false"));

        var message = string.Join(" ", refused.Failures);
        Assert.Contains("Broker:Host is empty", message, StringComparison.Ordinal);
        Assert.Contains("Production:AllowEmbeddedBroker=true", message, StringComparison.Ordinal);
        Assert.Contains("Hardware:Mode=Simulated", message, StringComparison.Ordinal);
        Assert.Contains("Production:AllowSimulatedHardware=true", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_runs_both_without_the_settings()
    {
        await using var kiosk = await KioskServer.StartAsync(
            "--environment=Development", "--Production:AllowEmbeddedBroker=false", "--Production:AllowSimulatedHardware=false");
        using var http = kiosk.CreateClient();
        (await http.PostAsync(new Uri("/dev/button/press", UriKind.Relative), null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }
}
