using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// Opens the desk page in a real Chromium at a phone (390×844) or desktop (1440×900) size, signs in, runs axe-core
/// (failing on serious or critical violations) and writes screenshots under the test output's <c>screens/desk</c>.
/// </summary>
public static class DeskBrowser
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    /// <summary>
    /// Records what the page asks of the device (vibrations, notifications) and then lets the real API run, so a test
    /// can see the page called it. Runs before the page's own scripts.
    /// </summary>
    private const string DeviceRecorder = """
        window.__vibrations = [];
        if (navigator.vibrate) {
          const real = navigator.vibrate.bind(navigator);
          navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return real(pattern); };
        } else {
          navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return false; };
        }
        """;

    public static string ScreensDirectory => Path.Combine(AppContext.BaseDirectory, "screens", "desk");

    public static async Task<IPage> OpenAsync(IBrowser browser, DeskServer desk, ViewportSize size)
    {
        var phone = size.Width < 600;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, IsMobile = phone, HasTouch = phone });
        await context.AddInitScriptAsync(DeviceRecorder);
        var page = await context.NewPageAsync();
        await page.GotoAsync(desk.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }

    public static async Task<IPage> SignInAsync(IBrowser browser, DeskServer desk, string id, string name, ViewportSize size)
    {
        var page = await OpenAsync(browser, desk, size);
        await SignInOnAsync(page, id, name);
        return page;
    }

    public static async Task SignInOnAsync(IPage page, string id, string name)
    {
        await page.GetByTestId("signin-id").FillAsync(id);
        await page.GetByTestId("signin-password").FillAsync(DeskServer.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToHaveTextAsync(name);
    }

    /// <summary>
    /// Fails with every serious or critical axe-core violation (rule, impact and the elements), and with any text axe
    /// could not judge for contrast: it files a 1:1 ratio (text the colour of its background) under "needs review".
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Concat(result.Incomplete.Where(v => v.Id == "color-contrast")).ToList();
        Assert.True(bad.Count == 0, $"axe-core on {where}: " + string.Join("; ", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => $"{n.Target} {string.Join(" ", n.Any.Select(c => c.Message))}"))}")));
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreensDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreensDirectory, $"{name}.png") });
    }

    /// <summary>The box of an element, which must be on the page.</summary>
    public static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element has no box: it is not shown.");
}
