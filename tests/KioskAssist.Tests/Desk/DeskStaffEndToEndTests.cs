using KioskAssist.AgentDesk.Accounts;
using KioskAssist.AgentDesk.Live;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// The whole store-staff path with real parts only: the real kiosk host and its page, the real desk, Mosquitto, two
/// Chromium pages. A shopper's call nobody answers alerts the store's staff phone; "I'm on my way" reaches the kiosk
/// and its screen tells the shopper who is walking over.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskStaffEndToEndTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_unanswered_call_alerts_the_staff_phone_and_the_kiosk_shows_who_is_walking_over()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("dewi", "Dewi", DeskRole.Staff, "jkt-01");
        await using var kiosk = await KioskServer.StartAsync(
            [.. KioskServer.UsingBroker(broker, "jkt-01", "k03"), "--Help:UrgentAfterSeconds=3", "--Help:NoDeskGraceSeconds=2"], dataDirectory: null);

        var staff = await DeskBrowser.SignInAsync(chromium.Browser, desk, "dewi", "Dewi", DeskBrowser.Phone);
        await Assertions.Expect(staff.GetByTestId("staff-empty")).ToBeVisibleAsync();

        var screenContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var screen = await screenContext.NewPageAsync();
        await screen.GotoAsync(kiosk.Address.ToString());
        await Assertions.Expect(screen.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await screen.GetByTestId("lang-en").ClickAsync();
        await screen.GetByTestId("person-button").ClickAsync();

        // Nobody answers: the kiosk alerts its store's staff, and Dewi's phone shows the kiosk.
        var card = staff.GetByTestId("staff-alert");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.GetByTestId("staff-kiosk")).ToHaveTextAsync("Kiosk k03");
        await Assertions.Expect(staff.GetByTestId("live-urgent")).ToContainTextAsync("A shopper needs you at k03");
        await card.GetByTestId("staff-ack").ClickAsync();
        await Assertions.Expect(card.GetByTestId("staff-acked")).ToContainTextAsync("You are on the way");

        // The kiosk applied it: the shopper reads who is coming.
        await Assertions.Expect(screen.GetByTestId("message-staff").Last).ToContainTextAsync("Dewi from the store is walking over");
        await DeskBrowser.ScreenshotAsync(staff, "staff-e2e-acked-390x844");
        await screen.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DeskBrowser.ScreensDirectory, "kiosk-e2e-walking-over-800x480.png") });

        var alert = desk.Get<DeskState>().StaffViewFor("jkt-01").Alerts.Single();
        Assert.Equal("Dewi", alert.Ack!.Staff.Name);
        await screenContext.CloseAsync();
    }
}
