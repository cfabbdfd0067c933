using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>A shopper at the touchscreen, in a real Chromium, against the real kiosk host and model.</summary>
[Trait("Category", "Browser")]
public sealed class KioskPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_question_in_english_gets_the_english_answer()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        await AskAsync(page, "How do I pay in instalments?");

        var answer = page.GetByTestId("message-assistant").Last;
        await Assertions.Expect(answer).ToContainTextAsync("Instalments");
        await Assertions.Expect(answer).ToContainTextAsync("Kredivo and Akulaku");
    }

    [Fact]
    public async Task A_question_in_indonesian_gets_the_indonesian_answer_even_on_the_english_screen()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        await AskAsync(page, "barcode nya gak bisa discan kak");

        var answer = page.GetByTestId("message-assistant").Last;
        await Assertions.Expect(answer).ToContainTextAsync("Cari barang");
        await Assertions.Expect(page.GetByTestId("person-button")).ToHaveTextAsync("Talk to a person");
    }

    [Fact]
    public async Task Switching_to_indonesian_relabels_the_screen_and_the_common_questions()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        await page.GetByTestId("lang-id").ClickAsync();

        await Assertions.Expect(page.GetByTestId("person-button")).ToHaveTextAsync("Bicara dengan petugas");
        await Assertions.Expect(page.GetByTestId("quick-pay_later")).ToHaveTextAsync("Bayar cicilan");
    }

    [Fact]
    public async Task Tapping_a_common_question_shows_its_answer()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        await page.GetByTestId("quick-return_policy").ClickAsync();

        await Assertions.Expect(page.GetByTestId("message-shopper").Last).ToHaveTextAsync("Returns & exchanges");
        await Assertions.Expect(page.GetByTestId("message-assistant").Last).ToContainTextAsync("14 days");
    }

    [Fact]
    public async Task An_out_of_scope_question_says_not_sure_and_offers_a_person()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        await AskAsync(page, "what's the best recipe for nasi goreng");

        var unsure = page.GetByTestId("message-unsure");
        await Assertions.Expect(unsure).ToContainTextAsync("not sure");
        await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(0);

        await page.GetByTestId("unsure-person").ClickAsync();

        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToContainTextAsync("Calling a person");
        await Assertions.Expect(page.GetByTestId("calling-waited")).ToContainTextAsync("Waiting 0:");
    }

    [Fact]
    public async Task The_person_button_is_always_on_screen_and_the_call_can_be_cancelled()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);
        for (var i = 0; i < 8; i++)
        {
            await AskAsync(page, "where are the toilets");
        }

        await Assertions.Expect(page.GetByTestId("person-button")).ToBeInViewportAsync();
        await page.GetByTestId("person-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();

        await page.GetByTestId("cancel-call").ClickAsync();

        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_screen_clears_after_the_idle_timeout()
    {
        await using var server = await KioskServer.StartAsync("--Screen:IdleTimeoutSeconds=10");
        var page = await OpenAsync(server);
        await AskAsync(page, "where can I park");
        await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(1);

        await Assertions.Expect(page.GetByTestId("message-shopper")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("message-assistant")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenAsync(KioskServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 600 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }

    private static async Task AskAsync(IPage page, string question)
    {
        var before = await page.Locator(".bubble.assistant:not(.welcome)").CountAsync();
        await page.GetByTestId("question-input").FillAsync(question);
        await page.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(page.Locator(".bubble.assistant:not(.welcome)")).ToHaveCountAsync(before + 1);
    }
}
