using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Desk;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.EndToEnd;

/// <summary>
/// The whole product in one test: a shopper at the kiosk page and an agent at the desk page, each in a real Chromium,
/// through a real Mosquitto. Nothing is faked between them.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ShopperReachesAgentTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string AgentMarkup = "<img src=x onerror=\"window.pwned=1\"><b>Ana here</b>";

    [Fact]
    public async Task An_unsure_answer_leads_to_a_person_who_sees_the_transcript_chats_and_resolves()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, site: "jkt-01", kiosk: "k03"));
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        var shopper = await OpenAsync(kiosk.Address, 1024, 600);
        var agent = await SignInAsync(desk, "ana");

        // The shopper asks something the kiosk does not know, and takes its offer of a person.
        await shopper.GetByTestId("question-input").FillAsync("can you recommend a good laptop for my son");
        await shopper.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("message-unsure")).ToContainTextAsync("not sure");
        await shopper.GetByTestId("unsure-person").ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("calling-title")).ToHaveTextAsync("Calling a person…");
        await Assertions.Expect(shopper.GetByTestId("calling-detail")).ToContainTextAsync("Sent.");

        // The agent sees it in the queue with the conversation the shopper already had.
        var item = agent.GetByTestId("queue-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("k03");
        await item.ClickAsync();
        await Assertions.Expect(agent.GetByTestId("transcript")).ToContainTextAsync("can you recommend a good laptop for my son");
        await agent.GetByTestId("claim").ClickAsync();

        // The kiosk accepts the claim and the shopper sees who is coming.
        await Assertions.Expect(shopper.GetByTestId("calling-title")).ToContainTextAsync("Ana");
        await Assertions.Expect(agent.GetByTestId("chat-view")).ToBeVisibleAsync();

        // One message each way. The agent's markup reaches the kiosk screen as text.
        await agent.GetByTestId("chat-input").FillAsync(AgentMarkup);
        await agent.GetByTestId("chat-send").ClickAsync();
        var fromAgent = shopper.GetByTestId("message-agent");
        await Assertions.Expect(fromAgent).ToHaveCountAsync(1);
        await Assertions.Expect(fromAgent).ToContainTextAsync(AgentMarkup);
        await Assertions.Expect(shopper.Locator("#conversation img, #conversation b")).ToHaveCountAsync(0);
        Assert.True(await shopper.EvaluateAsync<bool>("() => window.pwned === undefined"));

        await shopper.GetByTestId("question-input").FillAsync("I need a laptop under 5 million rupiah");
        await shopper.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("chat-message").Filter(new() { HasText = "under 5 million" })).ToHaveCountAsync(1);

        // The agent resolves; the kiosk says so and the assistant is back.
        await agent.GetByTestId("outcome").SelectOptionAsync("referred_to_desk");
        await agent.GetByTestId("resolve").ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("calling-banner")).ToBeHiddenAsync();
        await Assertions.Expect(shopper.GetByTestId("message-ended")).ToContainTextAsync("Ana has finished helping you");
        await Assertions.Expect(shopper.GetByTestId("ask-button")).ToHaveTextAsync("Ask");
        await Assertions.Expect(agent.GetByTestId("queue-item")).ToHaveCountAsync(0);

        await shopper.GetByTestId("question-input").FillAsync("where are the toilets");
        await shopper.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(shopper.GetByTestId("message-assistant").Last).ToContainTextAsync("The toilets are");
    }

    [Fact]
    public async Task The_simulated_call_button_reaches_the_desk()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await KioskServer.StartAsync(KioskServer.UsingBroker(broker, site: "jkt-01", kiosk: "k07"));
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        var shopper = await OpenAsync(kiosk.Address, 1024, 600);
        var agent = await SignInAsync(desk, "ana");
        using var client = kiosk.CreateClient();

        using var pressed = await client.PostAsync("/dev/button/press", null, TestContext.Current.CancellationToken);

        pressed.EnsureSuccessStatusCode();
        await Assertions.Expect(shopper.GetByTestId("calling-banner")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("queue-item")).ToContainTextAsync("k07");
        await Assertions.Expect(agent.GetByTestId("queue-reason")).ToContainTextAsync("button", new() { IgnoreCase = true });
    }

    private async Task<IPage> OpenAsync(Uri address, int width, int height)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }

    private async Task<IPage> SignInAsync(DeskServer desk, string agentId)
    {
        var page = await OpenAsync(desk.Address, 390, 844);
        await page.GetByTestId("signin-id").FillAsync(agentId);
        await page.GetByTestId("signin-password").FillAsync(DeskServer.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToHaveTextAsync("Ana");
        return page;
    }
}
