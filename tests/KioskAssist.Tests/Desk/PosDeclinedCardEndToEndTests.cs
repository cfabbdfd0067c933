using System.Net;
using System.Net.Http.Headers;
using KioskAssist.PosSimulator;
using KioskAssist.Tests.Browser;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Desk;

/// <summary>
/// A declined card with real parts only: the POS simulator's events into the real kiosk host, its page in Chromium at
/// 800x480 in Indonesian, the real desk on Mosquitto. The message appears in Indonesian within the screen's budget, "why?"
/// is answered for insufficient funds, and the agent who opens the call reads the transaction above the transcript.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PosDeclinedCardEndToEndTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Site = "jkt-01";
    private const string Lane = "k03";

    [Fact]
    public async Task A_declined_card_is_explained_in_indonesian_and_the_desk_sees_the_transaction()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await DeskServer.StartAsync(broker);
        desk.AddAgent("ana", "Ana");
        await using var kiosk = await KioskServer.StartAsync([.. KioskServer.UsingBroker(broker, Site, Lane)], dataDirectory: null);
        using var http = kiosk.CreateClient();

        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var screen = await context.NewPageAsync();
        await screen.GotoAsync(kiosk.Address.ToString());
        await Assertions.Expect(screen.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await screen.GetByTestId("lang-id").ClickAsync();

        foreach (var step in PosScripts.For("declined").Append(PosScripts.Declined("51")))
        {
            await PostAsync(http, PosEvents.Encode(PosEvents.Create(Site, Lane, step.Type, step.Data, "t-0042")));
        }

        // The message in Indonesian, on screen, with its way to a person and its dismissal, within the screen's budget.
        var message = screen.GetByTestId("pos-message");
        await Assertions.Expect(message).ToContainTextAsync("saldo tidak cukup", new() { Timeout = 2_000 });
        await Assertions.Expect(screen.GetByTestId("pos-person")).ToHaveTextAsync("Bicara dengan petugas");
        await Assertions.Expect(screen.GetByTestId("pos-dismiss")).ToBeInViewportAsync();
        await Assertions.Expect(screen.GetByTestId("person-button")).ToBeInViewportAsync();
        await screen.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DeskBrowser.ScreensDirectory, "kiosk-pos-declined-800x480-id.png") });
        await DeskBrowser.AssertAccessibleAsync(screen, "the kiosk page with the checkout's message");

        await screen.GetByTestId("question-input").FillAsync("kenapa kartu saya ditolak?");
        await screen.GetByTestId("ask-button").ClickAsync();
        await Assertions.Expect(screen.GetByTestId("message-assistant").Last).ToContainTextAsync("saldo rekening tidak cukup (kode 51)");

        await screen.GetByTestId("pos-person").ClickAsync();
        await Assertions.Expect(screen.GetByTestId("calling-banner")).ToBeVisibleAsync();
        await Assertions.Expect(screen.GetByTestId("pos-notice")).ToBeHiddenAsync(); // a call in progress is never hidden by it

        var agent = await DeskBrowser.SignInAsync(chromium.Browser, desk, "ana", "Ana", DeskBrowser.Desktop);
        await agent.GetByTestId("queue-item").ClickAsync();
        await Assertions.Expect(agent.GetByTestId("transaction-summary")).ToHaveTextAsync("Card declined twice (insufficient funds) · total Rp 245.000 · 3 items · lane k03");
        await Assertions.Expect(agent.GetByTestId("transaction-events")).ToContainTextAsync("code 51 (insufficient funds)");
        var summaryBox = await DeskBrowser.BoxAsync(agent.GetByTestId("transaction"));
        var transcriptBox = await DeskBrowser.BoxAsync(agent.GetByTestId("transcript"));
        Assert.True(summaryBox.Y < transcriptBox.Y, "the transaction is above the transcript");
        await DeskBrowser.ScreenshotAsync(agent, "desk-pos-transaction-1440x900");
        await DeskBrowser.AssertAccessibleAsync(agent, "the desk with the transaction summary");
        await context.CloseAsync();
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await http.PostAsync("/pos/events", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
