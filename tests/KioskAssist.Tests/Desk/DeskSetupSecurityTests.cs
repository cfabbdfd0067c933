using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.Browser;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>The first account from the sign-in page in a real Chromium: refused with a wrong token, made with the printed one.</summary>
[Trait("Category", "Browser")]
public sealed class DeskSetupSecurityTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_page_creates_the_first_admin_only_with_the_setup_token()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        var token = (await File.ReadAllTextAsync(Path.Combine(desk.DataDirectory, SetupToken.FileName), TestContext.Current.CancellationToken)).Trim();
        var page = await DeskBrowser.OpenAsync(chromium.Browser, desk, DeskBrowser.Phone);

        await Assertions.Expect(page.GetByTestId("setup-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Setup token (from the desk's console)")).ToBeVisibleAsync();
        await DeskBrowser.AssertAccessibleAsync(page, "the first-account form");
        await DeskBrowser.ScreenshotAsync(page, "setup-390x844");

        await page.GetByTestId("setup-token").FillAsync("not-the-token");
        await page.GetByTestId("setup-id").FillAsync("ana");
        await page.GetByTestId("setup-name").FillAsync("Ana");
        await page.GetByTestId("setup-password").FillAsync(DeskServer.Password);
        await page.GetByTestId("setup-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-error")).ToContainTextAsync("setup token is wrong");
        Assert.Equal(0, desk.Get<AgentStore>().Count());

        await page.GetByTestId("setup-token").FillAsync(token);
        await page.GetByTestId("setup-password").FillAsync(DeskServer.Password);
        await page.GetByTestId("setup-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToHaveTextAsync("Ana");
        Assert.Equal(DeskRole.Admin, desk.Get<AgentStore>().Find("ana")!.Role);
    }
}
