using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// Markup typed by a shopper or sent by an agent, in a real Chromium on the real kiosk page: shown as the characters
/// typed, never as elements, and no script runs (<c>window.__pwned</c> stays unset). Right-to-left text runs right to left.
/// </summary>
[Trait("Category", "Browser")]
public sealed class MarkupShownAsTextTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Script = "<script>window.__pwned = 1</script>";
    private const string Image = "<img src=x onerror=\"window.__pwned = 1\">";
    private const string JavascriptLink = "<a href=\"javascript:window.__pwned = 1\" id=\"trap\">tap for help</a>";
    private const string Link = "<a href=\"https://evil.example/\">your refund</a>";
    private const string Arabic = "\u0623\u064A\u0646 \u062F\u0648\u0631\u0629 \u0627\u0644\u0645\u064A\u0627\u0647\u061F";

    /// <summary>Anything markup could have made inside the conversation or the call banner.</summary>
    private const string Injected = "#conversation img, #conversation script, #conversation a, #conversation b, #conversation i, #calling img, #calling b, #calling i";

    [Fact]
    public async Task Shopper_text_with_html_script_and_rtl_is_shown_as_text_also_after_a_reload()
    {
        await using var kiosk = await KioskServer.StartAsync();
        var page = await OpenAsync(kiosk.Address);
        string[] questions = [$"{Script} where are the toilets", $"{Image}<b>bold</b>", JavascriptLink, Arabic];

        foreach (var question in questions)
        {
            await AskAsync(page, question);
        }

        await AssertShownAsTextAsync(page, "message-shopper", questions);
        await Assertions.Expect(page.GetByTestId("message-shopper").Last).ToHaveAttributeAsync("dir", "auto");
        Assert.Equal("rtl", await page.GetByTestId("message-shopper").Last.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ltr", await page.GetByTestId("message-shopper").First.EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        // A reload draws the conversation again from /api/state, through the same text-only path.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await AssertShownAsTextAsync(page, "message-shopper", questions);
    }

    [Fact]
    public async Task Agent_chat_and_name_with_markup_are_shown_as_text_on_the_kiosk()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, "jkt-01", "k03"));
        var page = await OpenAsync(kiosk.Address);
        await page.GetByTestId("person-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-banner")).ToBeVisibleAsync();
        var request = await desk.WaitForAsync(() => desk.Requests.SingleOrDefault());
        const string agentName = "<i>Ana</i><img src=x onerror=\"window.__pwned = 1\">";

        Assert.True(await desk.SendAsync(request, As(agentName, request, AgentActionType.Claim)));
        await Assertions.Expect(page.GetByTestId("calling-title")).ToContainTextAsync(agentName);
        string[] lines = [Image, Script, JavascriptLink, Link, $"{Arabic} {Script}"];
        foreach (var line in lines)
        {
            Assert.True(await desk.SendAsync(request, As(agentName, request, AgentActionType.Chat, line)));
        }

        await Eventually.TrueAsync(() => kiosk.Get<HelpCallCoordinator>().View()?.Chat.Count == lines.Length);
        await AssertShownAsTextAsync(page, "message-agent", lines);
        await Assertions.Expect(page.GetByTestId("message-agent").First.Locator(".who")).ToHaveTextAsync(agentName);
        Assert.Equal("rtl", await page.GetByTestId("message-agent").Last.EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        // The shopper's own chat line with markup goes the same way.
        await page.GetByTestId("question-input").FillAsync(Image);
        await page.GetByTestId("ask-button").ClickAsync();
        await AssertShownAsTextAsync(page, "message-shopper", [Image]);
    }

    private static async Task AssertShownAsTextAsync(IPage page, string testId, string[] texts)
    {
        var bubbles = page.GetByTestId(testId);
        await Assertions.Expect(bubbles).ToHaveCountAsync(texts.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            await Assertions.Expect(bubbles.Nth(i)).ToContainTextAsync(texts[i]);
        }

        await Assertions.Expect(page.Locator(Injected)).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a script from the text ran");
    }

    /// <summary>An action by agent "ana" under a display name of the test's choosing.</summary>
    private static AgentActionMessage As(string name, HelpRequestMessage request, AgentActionType type, string? text = null) => new()
    {
        Id = KioskAssist.Protocol.Ids.New(),
        RequestId = request.Id,
        Type = type,
        Agent = new AgentRef("ana", name),
        At = DateTimeOffset.UtcNow,
        Text = text,
    };

    private async Task<IPage> OpenAsync(Uri address)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 600 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
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
