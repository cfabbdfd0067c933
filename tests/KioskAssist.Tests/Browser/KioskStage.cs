using System.Net.Http.Json;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>
/// One kiosk host on a real Mosquitto with a desk peer that claims, chats, releases and resolves as a desk would,
/// and the kiosk page open in Chromium at several screens at once (each page follows the call through its own
/// event stream, so one call drives every screen).
/// </summary>
public sealed class KioskStage : IAsyncDisposable
{
    public const string Site = "jkt-01";
    public const string Kiosk = "k03";

    private readonly List<IBrowserContext> _contexts = [];

    private KioskStage(MosquittoBroker broker, KioskServer kiosk, TestDesk desk)
    {
        Broker = broker;
        Server = kiosk;
        Desk = desk;
    }

    public MosquittoBroker Broker { get; }

    public KioskServer Server { get; }

    public TestDesk Desk { get; }

    public Dictionary<KioskScreen, IPage> Pages { get; } = [];

    public static async Task<KioskStage> StartAsync(params string[] settings)
    {
        var broker = await MosquittoBroker.StartAsync();
        var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker, Site, Kiosk), .. settings], dataDirectory: null);
        var desk = await TestDesk.ConnectAsync(broker, "stage-desk");
        return new KioskStage(broker, kiosk, desk);
    }

    public async Task<IPage> OpenAsync(IBrowser browser, KioskScreen screen)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Server.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        // Always tap the language: a page opens in the conversation's language, which another page may have switched.
        await page.GetByTestId($"lang-{screen.Language}").ClickAsync();
        await Assertions.Expect(page.Locator($"html[lang={screen.Language}]")).ToHaveCountAsync(1);

        Pages[screen] = page;
        return page;
    }

    /// <summary>The desks' live queue, retained, as a desk publishes it: the kiosk derives place and estimate from it.</summary>
    public Task PublishQueueAsync(int agentsOnline, double? medianSecondsToClaim, params string[] openRequestIds) =>
        Desk.RetryUntilAsync(() => Desk.Connection.TryPublishAsync(Topics.Queue, ProtocolJson.Encode(new QueueMessage(
            DateTimeOffset.UtcNow,
            [.. openRequestIds.Select(id => new QueueEntry(id, Site, Kiosk, DateTimeOffset.UtcNow, false))],
            agentsOnline,
            medianSecondsToClaim)), retain: true, CancellationToken.None));

    /// <summary>The open request as the desk sees it (its latest revision).</summary>
    public Task<HelpRequestMessage> RequestAsync(Func<HelpRequestMessage, bool> where) =>
        Desk.WaitForAsync(() => Desk.Requests.Where(where).MaxBy(r => r.Revision));

    public Task ActAsync(HelpRequestMessage request, AgentActionType type, string agent, string? text = null, string? outcome = null) =>
        Desk.RetryUntilAsync(() => Desk.SendAsync(request, type, agent, text, outcome));

    /// <summary>A signed-in store-staff member's "I'm on my way", as the staff page of a desk publishes it.</summary>
    public Task StaffAckAsync(string requestId, string staffId, string staffName) =>
        Desk.RetryUntilAsync(() => Desk.Connection.TryPublishAsync(Topics.StaffAck(Site, Kiosk, requestId), ProtocolJson.Encode(new StaffAckMessage(
            Ids.New(), requestId, Site, Kiosk, new StaffRef(staffId, staffName), DateTimeOffset.UtcNow)), retain: false, CancellationToken.None));

    /// <summary>A shopper's chat line, through the page's own API (as the Send button posts it).</summary>
    public async Task ShopperSaysAsync(string text)
    {
        using var client = Server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/help/chat", new { text }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until every open page shows <paramref name="testId"/> (the newest one when there are several).</summary>
    public async Task ExpectEverywhereAsync(string testId, Func<KioskScreen, string?>? text = null)
    {
        foreach (var (screen, page) in Pages)
        {
            var target = page.GetByTestId(testId).Last;
            await Assertions.Expect(target).ToBeVisibleAsync();
            if (text?.Invoke(screen) is { } words)
            {
                await Assertions.Expect(target).ToContainTextAsync(words);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await Desk.DisposeAsync();
        await Server.DisposeAsync();
        await Broker.DisposeAsync();
    }
}
