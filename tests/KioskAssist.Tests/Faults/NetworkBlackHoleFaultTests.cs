namespace KioskAssist.Tests.Faults;

/// <summary>
/// The kiosk's network black-holed for two minutes (connections stay open, nothing passes: only MQTT keep-alive can
/// tell): requests raised during the cut reach the desk once after it heals. Two minutes of real time, by design.
/// </summary>
[Trait("Category", "Faults")]
public sealed class NetworkBlackHoleFaultTests
{
    [Fact]
    public Task Requests_raised_during_a_two_minute_black_hole_arrive_once_after_it_heals() =>
        NetworkCut.RunAsync(LinkMode.BlackHole, TimeSpan.FromMinutes(2), requestsDuringCut: 4);
}
