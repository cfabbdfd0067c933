namespace KioskAssist.Tests.Faults;

/// <summary>
/// The kiosk's network dropped (every connection reset, reconnects refused) for a minute: requests raised during the
/// cut reach the desk once after it heals.
/// </summary>
[Trait("Category", "Faults")]
public sealed class NetworkDropFaultTests
{
    [Fact]
    public Task Requests_raised_while_the_network_drops_every_connection_arrive_once_after_it_heals() =>
        NetworkCut.RunAsync(LinkMode.Drop, TimeSpan.FromMinutes(1), requestsDuringCut: 3);
}
