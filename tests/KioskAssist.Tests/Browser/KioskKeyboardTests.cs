using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>The kiosk page with a keyboard only (a switch or keyboard user, or a screen reader): Tab, Enter, Escape.</summary>
[Trait("Category", "Browser")]
public sealed class KioskKeyboardTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Focused = "() => { const e = document.activeElement; return e?.dataset?.testid || e?.id || e?.tagName || ''; }";

    [Fact]
    public async Task Tab_reaches_every_control_enter_asks_and_calls_and_escape_stops_calling()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        // Tab through the whole page once: every control a shopper needs is on the way, and the ring shows.
        var reached = new List<string>();
        var ringless = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var id = await page.EvaluateAsync<string>(Focused);
            reached.Add(id);
            var ring = await page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");
            if (!ring && id != "BODY")
            {
                ringless.Add(id);
            }
        }

        Assert.Superset(new HashSet<string> { "text-size-0", "text-size-1", "text-size-2", "lang-en", "lang-id", "conversation", "question-input", "ask-button", "person-button" }, new HashSet<string>(reached));
        Assert.Empty(ringless);

        // Enter in the box asks.
        await TabToAsync(page, "question-input");
        await page.Keyboard.TypeAsync("where can I park");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(1);

        // Enter on the person button calls; the button is gone, so focus goes to the box to write to the person.
        await TabToAsync(page, "person-button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("question-input")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("person-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("cancel-call")).ToHaveTextAsync("Stop calling");

        // The wait timer ticks every second: it sits in no live region, so a screen reader does not read it out each time.
        await Assertions.Expect(page.GetByTestId("calling-waited")).ToContainTextAsync("Waiting 0:");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=calling-waited]').closest('[aria-live],[role=alert],[role=status],[role=log],[role=timer]') === null"));
        Assert.Equal(0, await page.Locator("[aria-live=assertive]").CountAsync());

        // Escape stops calling, and focus stays where the shopper can go on.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("message-ended")).ToContainTextAsync("Call stopped");
        await Assertions.Expect(page.GetByTestId("question-input")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("person-button")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_largest_text_size_keeps_for_the_session_and_still_fits_800x480()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);
        var normal = await FontSizeAsync(page);

        await TabToAsync(page, "text-size-2");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("text-size-2")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await FontSizeAsync(page) >= normal * 1.25, "A++ should make the text at least a quarter larger.");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("text-size-2")).ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenLayout.ScreenshotAsync(page, "largest-text-welcome", new KioskScreen(800, 480, "en"));
        Assert.Empty(await ScreenLayout.ProblemsAsync(page));

        await page.GetByTestId("person-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();
        await ScreenLayout.ScreenshotAsync(page, "largest-text-calling", new KioskScreen(800, 480, "en"));
        Assert.Empty(await ScreenLayout.ProblemsAsync(page));
        await page.GetByTestId("cancel-call").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeHiddenAsync();
    }

    private static Task<double> FontSizeAsync(IPage page) =>
        page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");

    private static async Task TabToAsync(IPage page, string testId)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<string>(Focused) == testId)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {testId}.");
    }

    private async Task<IPage> OpenAsync(KioskServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }
}
