using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>An agent on a phone-sized page in a real Chromium, against the real desk and Mosquitto; the test plays the kiosk.</summary>
[Trait("Category", "Browser")]
public sealed class DeskPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Markup = "<b>markup</b><script>window.pwned = 1</script>";

    [Fact]
    public async Task An_agent_signs_in_reads_the_transcript_claims_chats_and_resolves()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var ana = desk.AddAgent("ana", "Ana");
        var agentRef = new AgentRef(ana.Id, ana.Name);
        var created = DateTimeOffset.UtcNow.AddSeconds(-75);
        await kiosk.PublishAsync(kiosk.Request("r1", created));

        var page = await SignInAsync(desk, "ana");

        var item = page.GetByTestId("queue-item");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item).ToContainTextAsync("k03");
        await Assertions.Expect(item).ToContainTextAsync("Indonesian");
        await Assertions.Expect(item.GetByTestId("queue-waited")).ToContainTextAsync("1:");
        await item.ClickAsync();

        await Assertions.Expect(page.GetByTestId("transcript")).ToContainTextAsync("cicilan ditolak kenapa");
        await Assertions.Expect(page.GetByTestId("transcript-intent")).ToContainTextAsync("confidence 31%");
        await page.GetByTestId("claim").ClickAsync();

        var claim = (await kiosk.NextActionAsync(AgentActionType.Claim)).Action;
        Assert.Equal(agentRef, claim.Agent);
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 2, HelpState.Assigned, agentRef));

        await Assertions.Expect(page.GetByTestId("chat-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("mine-item")).ToHaveCountAsync(1);
        await kiosk.NextActionAsync(AgentActionType.Connect); // opening the chat tells the kiosk the agent is here
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 3, HelpState.Connected, agentRef));
        await kiosk.PublishChatAsync("r1", 1, "shopper", Markup);

        var lines = page.GetByTestId("chat-message");
        await Assertions.Expect(lines).ToHaveCountAsync(1);
        await Assertions.Expect(lines.First).ToContainTextAsync(Markup);
        await Assertions.Expect(page.Locator("[data-testid=chat] b, [data-testid=chat] script")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));

        await page.GetByTestId("chat-input").FillAsync("Halo, saya bantu cek ya");
        await page.GetByTestId("chat-send").ClickAsync();
        var chat = (await kiosk.NextActionAsync(AgentActionType.Chat)).Action;
        Assert.Equal("Halo, saya bantu cek ya", chat.Text);
        await kiosk.PublishChatAsync("r1", 2, "agent", chat.Text!, agentRef);
        await Assertions.Expect(lines).ToHaveCountAsync(2);
        await Assertions.Expect(lines.Nth(1)).ToContainTextAsync("Halo, saya bantu cek ya");
        await Assertions.Expect(page.GetByTestId("chat-input")).ToHaveValueAsync("");

        await page.GetByTestId("outcome").SelectOptionAsync("payment_fixed");
        await page.GetByTestId("resolve").ClickAsync();
        Assert.Equal("payment_fixed", (await kiosk.NextActionAsync(AgentActionType.Resolve)).Action.Outcome);
    }

    [Fact]
    public async Task An_agent_looking_at_a_request_sees_at_once_that_another_agent_took_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        var created = DateTimeOffset.UtcNow.AddSeconds(-5);
        await kiosk.PublishAsync(kiosk.Request("r1", created));

        var page = await SignInAsync(desk, "ana");
        await page.GetByTestId("queue-item").ClickAsync();
        await Assertions.Expect(page.GetByTestId("claim")).ToBeVisibleAsync();

        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 2, HelpState.Assigned, new AgentRef("budi", "Budi")));

        await Assertions.Expect(page.GetByTestId("taken-by")).ToHaveTextAsync("Taken by Budi");
        await Assertions.Expect(page.GetByTestId("claim")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("chat-view")).ToBeHiddenAsync();
    }

    private async Task<IPage> SignInAsync(DeskServer desk, string agentId)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(desk.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("setup-form")).ToBeHiddenAsync();
        await page.GetByTestId("signin-id").FillAsync(agentId);
        await page.GetByTestId("signin-password").FillAsync(DeskServer.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("me")).ToHaveTextAsync("Ana");
        return page;
    }
}
