using System.Collections.Concurrent;
using System.Diagnostics;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>One shopper's session at the kiosk: what it reports while they type, and what the next shopper must not see.</summary>
[Trait("Category", "Browser")]
public sealed class KioskSessionTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task Typing_during_a_call_is_reported_at_most_every_three_seconds_and_never_with_its_text()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);
        var reports = new ConcurrentQueue<string?>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/api/help/typing", StringComparison.Ordinal))
            {
                reports.Enqueue(request.PostData);
            }
        };

        // Typing a question to the assistant is nobody's business.
        await page.GetByTestId("question-input").PressSequentiallyAsync("where is");
        await page.GetByTestId("question-input").FillAsync("");

        await page.GetByTestId("person-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();
        var clock = Stopwatch.StartNew();
        await page.GetByTestId("question-input").PressSequentiallyAsync("secret words", new() { Delay = 40 });
        var elapsed = clock.Elapsed.TotalSeconds;

        await Eventually.TrueAsync(() => !reports.IsEmpty, "the page reports the shopper typing");
        Assert.InRange(reports.Count, 1, 1 + (int)(elapsed / 3));
        Assert.All(reports, body => Assert.Equal("{}", body));

        // After the three seconds, more typing is reported again.
        var before = reports.Count;
        await Task.Delay(TimeSpan.FromSeconds(3.2), TestContext.Current.CancellationToken);
        await page.GetByTestId("question-input").PressSequentiallyAsync(" more");
        await Eventually.TrueAsync(() => reports.Count > before, "a second report after three seconds");
        Assert.All(reports, body => Assert.Equal("{}", body));
    }

    [Fact]
    public async Task The_idle_reset_clears_the_end_message_the_text_size_and_the_language_for_the_next_shopper()
    {
        await using var server = await KioskServer.StartAsync("--Screen:IdleTimeoutSeconds=10");
        var page = await OpenAsync(server);
        await page.GetByTestId("text-size-2").ClickAsync();
        await page.GetByTestId("lang-id").ClickAsync();
        await page.GetByTestId("person-button").ClickAsync();
        await page.GetByTestId("cancel-call").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-ended")).ToHaveTextAsync("Panggilan dihentikan. Saya siap membantu jika ada hal lain.");

        await Assertions.Expect(page.GetByTestId("message-ended")).ToHaveCountAsync(0, new() { Timeout = 25_000 });

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-text-size", "0");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('kiosk.textSize')"));

        // A reload (a new page on the same kiosk) does not bring the earlier shopper's end message back either.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("person-button")).ToHaveTextAsync("Talk to a person");
        await Assertions.Expect(page.GetByTestId("message-ended")).ToHaveCountAsync(0);
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
