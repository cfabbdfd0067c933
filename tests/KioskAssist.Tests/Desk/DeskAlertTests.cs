using KioskAssist.AgentDesk.Live;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// The desk calls the agent and keeps them in the conversation, in a real Chromium against the real desk and
/// Mosquitto (the test plays the kiosk): new and urgent requests announced, typing both ways, ready-made replies,
/// a shopper's cancel that keeps the chat, and ratings on the finished request and in the agent's day.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DeskAlertTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_new_request_is_announced_politely_and_an_urgent_one_assertively_with_the_count_in_the_title()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Phone);
        await Assertions.Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("KioskAssist desk");
        await Assertions.Expect(page.GetByTestId("mute")).ToBeVisibleAsync();
        await page.GetByTestId("mute").ClickAsync(); // a tap: browsers allow sound only after one
        await page.GetByTestId("mute").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mute")).ToHaveAttributeAsync("aria-pressed", "false");

        var created = DateTimeOffset.UtcNow.AddSeconds(-3);
        await kiosk.PublishAsync(kiosk.Request("r1", created));

        await Assertions.Expect(page).ToHaveTitleAsync("(1) KioskAssist desk");
        await Assertions.Expect(page.GetByTestId("live-polite")).ToContainTextAsync("New request: jkt-01 · k03");
        await Assertions.Expect(page.GetByTestId("live-urgent")).ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("alert-banner-text")).ToContainTextAsync("New request");
        await Assertions.Expect(page.Locator("body[data-last-tone=new]")).ToHaveCountAsync(1);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__vibrations.length"));

        await kiosk.PublishAsync(kiosk.Request("r2", created.AddSeconds(1)) with { Language = "en" });
        await Assertions.Expect(page).ToHaveTitleAsync("(2) KioskAssist desk");

        // The first request turns urgent: said assertively, with its own tone; the polite region is not used for it.
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 2, urgent: true));
        await Assertions.Expect(page.GetByTestId("live-urgent")).ToContainTextAsync("Urgent: jkt-01 · k03");
        await Assertions.Expect(page.Locator("body[data-last-tone=urgent]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("live-polite")).Not.ToContainTextAsync("Urgent");
        await Assertions.Expect(page.GetByTestId("queue-item").First).ToContainTextAsync("Urgent");
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.__vibrations.length"));

        // Muted is remembered across a reload; the title still counts.
        await page.GetByTestId("mute").ClickAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("mute")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page).ToHaveTitleAsync("(2) KioskAssist desk");
    }

    [Fact]
    public async Task Typing_goes_both_ways_a_ready_reply_is_sent_in_the_shoppers_language_and_a_cancel_keeps_the_chat()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var ana = desk.AddAgent("ana", "Ana");
        var agentRef = new AgentRef(ana.Id, ana.Name);
        var created = DateTimeOffset.UtcNow.AddSeconds(-30);
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 2, HelpState.Connected, agentRef));

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Desktop);
        await page.GetByTestId("mine-item").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-view")).ToBeVisibleAsync();
        await kiosk.PublishChatAsync("r1", 1, "shopper", "kartu saya ditolak");
        await Assertions.Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(1);

        // The shopper types: "Shopper is typing…" shows, and goes when their line arrives.
        await kiosk.PublishTypingAsync("r1");
        await Assertions.Expect(page.GetByTestId("typing")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("typing")).ToHaveTextAsync("Shopper is typing…");
        await kiosk.PublishChatAsync("r1", 2, "shopper", "sudah dua kali");
        await Assertions.Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("typing")).ToBeHiddenAsync();

        // The agent types a whole sentence: one Typing action (at most one per 3 s) carrying no text, then the line.
        await page.GetByTestId("chat-input").PressSequentiallyAsync("Sebentar ya, saya cek");
        await page.GetByTestId("chat-send").ClickAsync();
        var sent = await ActionsUpToChatAsync(kiosk);
        Assert.Equal([AgentActionType.Typing, AgentActionType.Chat], sent.Select(a => a.Type));
        Assert.Equal(agentRef, sent[0].Agent);
        Assert.Null(sent[0].Text); // never any text before Send
        Assert.Equal("Sebentar ya, saya cek", sent[1].Text);

        // One tap on a ready-made reply sends it in the shopper's language (Indonesian here).
        await page.GetByTestId("reply").First.ClickAsync();
        var reply = await kiosk.NextActionAsync(AgentActionType.Chat);
        Assert.Equal("Halo, saya siap membantu. Mohon tunggu sebentar.", reply.Action.Text);

        // The shopper cancels mid-chat: the kiosk's final state, then it clears the request at once.
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 3, HelpState.Cancelled, agentRef));
        await kiosk.ClearAsync("r1");
        await Assertions.Expect(page.GetByTestId("request-state")).ToHaveTextAsync("Cancelled by the shopper");
        await Assertions.Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("chat-view")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chat-input")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("transcript")).ToContainTextAsync("cicilan ditolak kenapa");
        await DeskBrowser.ScreenshotAsync(page, "cancelled-1440x900");
    }

    [Fact]
    public async Task Typing_hints_are_sent_at_most_once_per_three_seconds()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var ana = desk.AddAgent("ana", "Ana");
        await kiosk.PublishAsync(kiosk.Request("r1", DateTimeOffset.UtcNow.AddSeconds(-30), revision: 2, HelpState.Connected, new AgentRef(ana.Id, ana.Name)));

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Desktop);
        await page.GetByTestId("mine-item").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chat-view")).ToBeVisibleAsync();
        var started = DateTime.UtcNow;
        await page.GetByTestId("chat-input").PressSequentiallyAsync("Mohon tunggu sebentar, saya periksa dulu ya", new() { Delay = 40 });
        var typedFor = DateTime.UtcNow - started;
        await page.GetByTestId("chat-send").ClickAsync();
        var sent = await ActionsUpToChatAsync(kiosk); // the chat line is the sentinel: every hint was sent before it
        var hints = sent.Count(a => a.Type == AgentActionType.Typing);
        Assert.InRange(hints, 1, 1 + (int)(typedFor.TotalSeconds / 3));
        Assert.Equal(AgentActionType.Chat, sent[^1].Type);
    }

    [Fact]
    public async Task A_rating_shows_on_the_finished_request_and_in_the_agents_day()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var kiosk = await TestKiosk.StartAsync(broker);
        await using var desk = await DeskServer.StartAsync(broker);
        var ana = desk.AddAgent("ana", "Ana");
        var agentRef = new AgentRef(ana.Id, ana.Name);
        var created = DateTimeOffset.UtcNow.AddSeconds(-90);
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 2, HelpState.Connected, agentRef));

        var page = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Desktop);
        await page.GetByTestId("mine-item").ClickAsync();
        await page.GetByTestId("outcome").SelectOptionAsync("payment_fixed");
        await page.GetByTestId("resolve").ClickAsync();
        await kiosk.NextActionAsync(AgentActionType.Resolve);
        await kiosk.PublishAsync(kiosk.Request("r1", created, revision: 3, HelpState.Resolved, agentRef) with { Outcome = "payment_fixed" });
        await kiosk.ClearAsync("r1");
        await Assertions.Expect(page.GetByTestId("request-state")).ToHaveTextAsync("Resolved · Payment fixed");
        await Assertions.Expect(page.GetByTestId("day")).ToHaveTextAsync("1 helped today · no ratings yet");

        await kiosk.PublishRatingAsync("r1", 3, agentRef);
        await Assertions.Expect(page.GetByTestId("request-rating")).ToHaveTextAsync("Shopper's rating: Helped well");
        await Assertions.Expect(page.GetByTestId("day")).ToHaveTextAsync("1 helped today · ratings: 1 helped well");
        await Assertions.Expect(page.GetByTestId("day-rating")).ToHaveTextAsync("Rated: Helped well");
        Assert.Equal(3, Assert.Single(desk.Get<DeskState>().View().Finished).Rating);
    }

    /// <summary>Every action the kiosk received, in order, up to and including the first chat line.</summary>
    private static async Task<List<AgentActionMessage>> ActionsUpToChatAsync(TestKiosk kiosk)
    {
        List<AgentActionMessage> seen = [];
        await Eventually.TrueAsync(() =>
        {
            while (kiosk.Actions.TryDequeue(out var next))
            {
                seen.Add(next.Action);
                if (next.Action.Type == AgentActionType.Chat)
                {
                    return true;
                }
            }

            return false;
        }, "a chat line reaches the kiosk");
        return seen;
    }
}
