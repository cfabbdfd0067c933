using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Provisioning;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// The whole store-staff path with real parts only, against Mosquitto configured by <c>kafleet broker-config</c> (TLS,
/// the kiosk's certificate, the desks' logins, the generated ACL): the real kiosk host and its page, two real desks
/// serving the store, two Chromium pages. A shopper's call nobody answers alerts the store's staff phone; "I'm on my
/// way" reaches the kiosk, its screen tells the shopper who is walking over, and the other desk hears the acknowledgement too.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskStaffEndToEndTests(ChromiumFixture chromium, SecuredBrokerFixture broker) : IClassFixture<ChromiumFixture>, IClassFixture<SecuredBrokerFixture>
{
    [Fact]
    public async Task An_unanswered_call_alerts_the_staff_phone_and_the_kiosk_shows_who_is_walking_over()
    {
        await using var desk = await DeskServer.StartWithBrokerAsync(broker.DeskSettings(SecuredBrokerFixture.DeskA, "s"));
        await using var otherDesk = await DeskServer.StartWithBrokerAsync(broker.DeskSettings(SecuredBrokerFixture.DeskB, "s"));
        desk.AddAgent("dewi", "Dewi", DeskRole.Staff, "s");
        await using var kiosk = await KioskServer.StartAsync(
            [.. broker.KioskSettings("d"), "--Help:UrgentAfterSeconds=3", "--Help:NoDeskGraceSeconds=2"], dataDirectory: null);
        await Eventually.TrueAsync(() => kiosk.Get<KioskBrokerLink>().IsUp, $"the kiosk connects (log: {broker.BrokerLog})");

        var staff = await DeskBrowser.SignInAsync(chromium.Browser, desk, "dewi", "Dewi", DeskBrowser.Phone);
        await Assertions.Expect(staff.GetByTestId("staff-empty")).ToBeVisibleAsync();

        var screenContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var screen = await screenContext.NewPageAsync();
        await screen.GotoAsync(kiosk.Address.ToString());
        await Assertions.Expect(screen.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await screen.GetByTestId("lang-en").ClickAsync();
        await screen.GetByTestId("person-button").ClickAsync();

        // Nobody answers: the kiosk alerts its store's staff (the broker lets desk-a read ka/v1/staff/s), and Dewi's phone shows the kiosk.
        var card = staff.GetByTestId("staff-alert");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.GetByTestId("staff-kiosk")).ToHaveTextAsync("Kiosk d");
        await Assertions.Expect(staff.GetByTestId("live-urgent")).ToContainTextAsync("A shopper needs you at d");
        await card.GetByTestId("staff-ack").ClickAsync();
        await Assertions.Expect(card.GetByTestId("staff-acked")).ToContainTextAsync("You are on the way");

        // The kiosk applied it (the broker lets kiosk s/d read its own staffack topic): the shopper reads who is coming.
        await Assertions.Expect(screen.GetByTestId("message-staff").Last).ToContainTextAsync("Dewi from the store is walking over");
        await DeskBrowser.ScreenshotAsync(staff, "staff-e2e-acked-390x844");
        await screen.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DeskBrowser.ScreensDirectory, "kiosk-e2e-walking-over-800x480.png") });

        var alert = desk.Get<DeskState>().StaffViewFor("s").Alerts.Single();
        Assert.Equal("Dewi", alert.Ack!.Staff.Name);

        // The other desk of the store heard the same alert and the acknowledgement sent through desk-a: its staff see
        // that someone is already on the way (the ACL lets a desk read its sites' staffack topics, not only write them).
        await Eventually.TrueAsync(
            () => otherDesk.Get<DeskState>().StaffViewFor("s").Alerts.SingleOrDefault()?.Ack?.Staff.Name == "Dewi",
            $"desk-b sees Dewi's acknowledgement (log: {broker.BrokerLog})");
        await screenContext.CloseAsync();
    }
}
