using KioskAssist.Protocol.Messages;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>
/// The kiosk page at 800x480, 1024x600, 1280x720 and 720x1280, in English and Indonesian, through a whole call on a real
/// broker: in every state nothing a shopper needs leaves the screen and the page itself never scrolls. Each state is
/// also written as a screenshot under tests/results/screens (tests/screens.sh turns them into docs/screens.md).
/// </summary>
[Trait("Category", "Browser")]
public sealed class KioskLayoutTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly string LongLine = string.Join(' ', Enumerable.Repeat("This is a long line from the agent so the chat fills up.", 3));

    private readonly List<string> _problems = [];

    [Fact]
    public async Task Every_state_of_a_call_fits_every_screen_in_both_languages()
    {
        await using var stage = await KioskStage.StartAsync("--Help:UrgentAfterSeconds=500", "--Help:NoticeAfterSeconds=600", "--Help:ExpireAfterSeconds=900");
        foreach (var screen in KioskScreen.All)
        {
            await stage.OpenAsync(chromium.Browser, screen);
        }

        await CheckAllAsync(stage, "welcome");

        foreach (var (screen, page) in stage.Pages)
        {
            await AskAsync(page, screen.Language == "en" ? "How do I pay in instalments?" : "bisa bayar cicilan pakai kredivo?", "message-assistant");
        }

        await CheckAllAsync(stage, "answer");

        foreach (var (screen, page) in stage.Pages)
        {
            await AskAsync(page, screen.Language == "en" ? "what's the best recipe for nasi goreng" : "resep nasi goreng yang enak apa ya", "message-unsure");
        }

        await CheckAllAsync(stage, "not-sure");

        // The checkout declines the card: its message (with its two buttons) joins every screen without pushing the
        // conversation, the question box or "Talk to a person" off it.
        using (var pos = stage.Server.CreateClient())
        using (var declined = new ByteArrayContent(KioskAssist.PosSimulator.PosEvents.Encode(KioskAssist.PosSimulator.PosEvents.Create(
            KioskStage.Site, KioskStage.Kiosk, "payment.declined", new { method = "card", reasonCode = "75", amount = 245_000L, currency = "IDR" }))))
        {
            declined.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json");
            using var accepted = await pos.PostAsync("/pos/events", declined, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await stage.ExpectEverywhereAsync("pos-message", s => s.Language == "en" ? "Too many wrong PIN tries" : "PIN salah terlalu sering");
        await CheckAllAsync(stage, "pos-declined");

        // The shopper at the small screen takes the offer; every screen follows the call.
        await stage.Pages.First().Value.GetByTestId("unsure-person").Last.ClickAsync();
        var request = await stage.RequestAsync(r => r.State == HelpState.Open);
        await stage.PublishQueueAsync(agentsOnline: 2, medianSecondsToClaim: 150, request.Id, "other-request");
        await stage.ExpectEverywhereAsync("queue-info", s => s.Language == "en" ? "Number 1 in the queue" : "Antrean ke-1");
        await CheckAllAsync(stage, "calling");

        await stage.ActAsync(request, AgentActionType.Claim, "budi");
        await stage.ExpectEverywhereAsync("calling-title", s => s.Language == "en" ? "Budi (remote help) has joined the chat" : "Budi (bantuan jarak jauh)");
        for (var i = 1; i <= 6; i++)
        {
            await stage.ActAsync(request, AgentActionType.Chat, "budi", $"{i}. {LongLine}");
            await stage.ShopperSaysAsync($"Shopper line {i}");
        }

        await stage.ActAsync(request, AgentActionType.Chat, "budi", "Newest line from Budi");
        await stage.ExpectEverywhereAsync("message-agent", _ => "Newest line from Budi");
        await stage.ActAsync(request, AgentActionType.Typing, "budi");
        await stage.ExpectEverywhereAsync("agent-typing", s => s.Language == "en" ? "Budi is typing…" : "Budi sedang mengetik…");
        await CheckAllAsync(stage, "chatting");

        await stage.ActAsync(request, AgentActionType.Release, "budi");
        await stage.ExpectEverywhereAsync("calling-detail", s => s.Language == "en" ? "Budi had to leave" : "Budi harus pergi");
        await CheckAllAsync(stage, "released");

        var reopened = await stage.RequestAsync(r => r.Id == request.Id && r.State == HelpState.Open && r.Revision > request.Revision);
        await stage.ActAsync(reopened, AgentActionType.Claim, "ana");
        await stage.ExpectEverywhereAsync("calling-title", _ => "Ana");
        var claimed = await stage.RequestAsync(r => r.Id == request.Id && r.Agent?.Id == "ana");
        await stage.ActAsync(claimed, AgentActionType.Resolve, "ana", outcome: "answered");
        await stage.ExpectEverywhereAsync("message-ended", s => s.Language == "en" ? "Ana has finished helping you" : "Ana sudah selesai membantu Anda");
        await stage.ExpectEverywhereAsync("rate-3");
        await CheckAllAsync(stage, "finished");

        // One tap rates; the page thanks, and every other page on this kiosk puts its faces away.
        var (rater, raterPage) = stage.Pages.First();
        await raterPage.GetByTestId("rate-3").ClickAsync();
        await Assertions.Expect(raterPage.GetByTestId("rated")).ToHaveTextAsync("Thank you for telling us.");
        await Assertions.Expect(raterPage.GetByTestId("rated")).ToBeFocusedAsync();
        foreach (var page in stage.Pages.Where(p => p.Key != rater).Select(p => p.Value))
        {
            await Assertions.Expect(page.GetByTestId("rate-3")).ToHaveCountAsync(0);
        }

        Assert.True(_problems.Count == 0, "The screen does not fit:\n" + string.Join('\n', _problems));
    }

    [Fact]
    public async Task The_notice_no_one_online_and_staff_walking_over_fit_every_screen()
    {
        await using var stage = await KioskStage.StartAsync("--Help:NoDeskGraceSeconds=1", "--Help:UrgentAfterSeconds=2", "--Help:NoticeAfterSeconds=3", "--Help:ExpireAfterSeconds=900");
        await stage.PublishQueueAsync(agentsOnline: 1, medianSecondsToClaim: 120);
        foreach (var screen in KioskScreen.All)
        {
            await stage.OpenAsync(chromium.Browser, screen);
        }

        await stage.Pages.First().Value.GetByTestId("person-button").ClickAsync();
        var request = await stage.RequestAsync(r => r.State == HelpState.Open);

        // Nobody claims: after the notice time the bar says staff were alerted, the conversation says the whole notice.
        await stage.ExpectEverywhereAsync("calling-notice", s => s.Language == "en" ? "Store staff have been alerted" : "Staf toko sudah diberi tahu");
        await stage.ExpectEverywhereAsync("message-notice", s => s.Language == "en" ? "will come to this kiosk" : "akan datang ke kios ini");
        await CheckAllAsync(stage, "notice");

        // The last agent signs off.
        await stage.PublishQueueAsync(agentsOnline: 0, medianSecondsToClaim: null, request.Id);
        await stage.ExpectEverywhereAsync("calling-detail", s => s.Language == "en" ? "No one is online right now" : "tidak ada petugas yang online");
        await CheckAllAsync(stage, "no-agents");

        // A store-staff member says they are on their way: the screen says exactly that.
        await stage.StaffAckAsync(request.Id, "dewi", "Dewi");
        await stage.ExpectEverywhereAsync("calling-detail", s => s.Language == "en" ? "Dewi from the store is walking over." : "Dewi dari toko sedang menuju ke sini.");
        await CheckAllAsync(stage, "staff");

        Assert.True(_problems.Count == 0, "The screen does not fit:\n" + string.Join('\n', _problems));
    }

    [Fact]
    public async Task The_layout_check_fails_a_page_that_scrolls_or_hides_its_controls()
    {
        await using var server = await Support.KioskServer.StartAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        Assert.Empty(await ScreenLayout.ProblemsAsync(page));

        // The old page's fault: the conversation grows instead of scrolling, so the page scrolls and the controls leave.
        await page.EvaluateAsync("() => { const c = document.getElementById('conversation'); c.style.flex = 'none'; c.style.height = '40rem'; document.documentElement.style.overflow = 'auto'; document.body.style.overflow = 'visible'; document.body.style.height = 'auto'; }");

        var problems = await ScreenLayout.ProblemsAsync(page);
        Assert.Contains(problems, p => p.StartsWith("the document scrolls", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'person-button' lies outside the viewport", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'question-input' lies outside the viewport", StringComparison.Ordinal));
        await context.CloseAsync();
    }

    private async Task CheckAllAsync(KioskStage stage, string state)
    {
        foreach (var (screen, page) in stage.Pages)
        {
            await ScreenLayout.ScreenshotAsync(page, state, screen);
            foreach (var problem in await ScreenLayout.ProblemsAsync(page))
            {
                _problems.Add($"{state} at {screen.Name}: {problem}");
            }
        }
    }

    private static async Task AskAsync(IPage page, string question, string expectTestId)
    {
        var before = await page.GetByTestId(expectTestId).CountAsync();
        await page.GetByTestId("question-input").FillAsync(question);
        await page.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId(expectTestId)).ToHaveCountAsync(before + 1);
    }
}
