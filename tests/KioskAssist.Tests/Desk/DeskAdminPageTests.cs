using KioskAssist.AgentDesk.Accounts;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>The accounts page for admins, in a real Chromium against the real desk: rules shown before submit, add staff, remove an agent.</summary>
[Trait("Category", "Browser")]
public sealed class DeskAdminPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_admin_sees_the_id_rules_before_submitting_adds_store_staff_and_removes_an_agent()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("root", "Rina", DeskRole.Admin);
        desk.AddAgent("budi", "Budi");
        var store = desk.Get<AgentStore>();

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "root", "Rina", DeskBrowser.Desktop);
        await Assertions.Expect(page.GetByTestId("admin-link")).ToBeVisibleAsync();
        await page.GetByTestId("admin-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-heading")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("account")).ToHaveCountAsync(2);

        // The rules are on the page before anything is typed, and a bad id is explained before submit.
        await Assertions.Expect(page.GetByTestId("account-rules")).ToContainTextAsync("Id: up to 64 characters (lower-case letters, capital letters, digits, '_', '-')");
        await Assertions.Expect(page.GetByTestId("account-rules")).ToContainTextAsync("Password: at least 8 characters");
        await page.GetByTestId("add-id").FillAsync("dewi sari");
        Assert.False(await page.GetByTestId("add-id").EvaluateAsync<bool>("e => e.checkValidity()"));
        await Assertions.Expect(page.GetByTestId("add-id")).ToHaveAttributeAsync("aria-invalid", "true");
        await DeskBrowser.AssertAccessibleAsync(page, "accounts at 1440x900");
        await DeskBrowser.ScreenshotAsync(page, "accounts-1440x900");

        await page.GetByTestId("add-id").FillAsync("dewi");
        await page.GetByTestId("add-name").FillAsync("Dewi");
        await page.GetByTestId("add-password").FillAsync(DeskServer.Password);
        await Assertions.Expect(page.GetByTestId("add-site")).ToBeHiddenAsync();
        await page.GetByTestId("add-role").SelectOptionAsync("staff");
        await Assertions.Expect(page.GetByTestId("add-site")).ToBeVisibleAsync();
        await page.GetByTestId("add-site").FillAsync("jkt-01");
        await page.GetByTestId("add-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("account")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=account][data-id=dewi]")).ToContainTextAsync("Store staff · store jkt-01");
        var dewi = store.Find("dewi");
        Assert.Equal((DeskRole.Staff, "jkt-01"), (dewi!.Role, dewi.Site));

        var budi = page.Locator("[data-testid=account][data-id=budi]");
        await budi.GetByTestId("account-remove").ClickAsync();
        await budi.GetByTestId("account-remove-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("account")).ToHaveCountAsync(2);
        Assert.Null(store.Find("budi"));

        await page.GetByTestId("admin-back").ClickAsync();
        await Assertions.Expect(page.GetByTestId("desk")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("admin-link")).ToBeFocusedAsync();
    }
}
