using System.Text.Json;
using KioskAssist.Tests.Support;
using Microsoft.Playwright;

namespace KioskAssist.Tests.Browser;

/// <summary>
/// What the call bar says for each state the server can report, worked out by the page's own code in Chromium:
/// never "saved until the network is back" while online, never "coming" for a remote agent, an estimate that runs
/// down and never goes stale, and the Indonesian written as Indonesian ("kios").
/// </summary>
[Trait("Category", "Browser")]
public sealed class KioskWordsTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Describe = """
        ([language, help, context, agoSeconds]) => {
          const now = Date.now();
          const at = (s) => s == null ? undefined : new Date(now - s * 1000).toISOString();
          const h = { requestId: 'r0', state: 'open', since: at(agoSeconds ?? 5), delivered: true, saved: true, agentsOnline: 2, chat: [], ...help };
          if (help.estimateAgo !== undefined) h.estimateAt = at(help.estimateAgo);
          return describeCall(h, { online: true, released: null, estimateSeenAt: now, ...context }, phrases[language], now);
        }
        """;

    [Fact]
    public async Task The_call_bar_says_what_is_true_in_both_languages()
    {
        await using var server = await KioskServer.StartAsync();
        var page = await OpenAsync(server);

        // Not yet delivered: "Sending…" while online; "saved for later" only when the kiosk is offline.
        Assert.Equal("Sending…", (await SayAsync(page, "en", new { delivered = false }, new { online = true })).Detail);
        Assert.Equal("Sending…", (await SayAsync(page, "en", new { delivered = false }, new { online = (bool?)null })).Detail);
        Assert.Contains("when the network is back", (await SayAsync(page, "en", new { delivered = false }, new { online = false })).Detail);
        Assert.Equal("Mengirim…", (await SayAsync(page, "id", new { delivered = false }, new { online = true })).Detail);
        Assert.StartsWith("Sent.", (await SayAsync(page, "en", new { }, new { })).Detail);

        Assert.Equal("No one is online right now — store staff have been called.", (await SayAsync(page, "en", new { agentsOnline = 0, queuePosition = 1 }, new { })).Detail);
        Assert.Equal("No one is online right now — calling store staff.", (await SayAsync(page, "en", new { agentsOnline = 0, staffCalled = false }, new { })).Detail);
        Assert.DoesNotContain("queue", (await SayAsync(page, "en", new { agentsOnline = 0, queuePosition = 1 }, new { })).Queue);

        // A remote agent joins the chat; only store staff walk over.
        var joined = await SayAsync(page, "en", new { state = "connected", agentName = "Budi", agent = new { name = "Budi Santoso", initials = "BS" } }, new { });
        Assert.Equal("Budi Santoso (remote help) has joined the chat.", joined.Title);
        Assert.Equal("BS", joined.Initials);
        Assert.DoesNotContain("coming", joined.Title + joined.Detail);
        Assert.Equal("B", (await SayAsync(page, "en", new { state = "assigned", agentName = "Budi" }, new { })).Initials);
        Assert.Equal("Dewi from the store is walking over.", (await SayAsync(page, "en", new { staff = new { name = "Dewi" } }, new { })).Detail);
        Assert.Equal("Dewi dari toko sedang menuju ke sini.", (await SayAsync(page, "id", new { staff = new { name = "Dewi" } }, new { })).Detail);
        Assert.Equal("Budi had to leave — you keep your place, the next person will take over.",
            (await SayAsync(page, "en", new { }, new { released = new { agentName = "Budi" } })).Detail);

        // The estimate runs down from estimateSeconds at estimateAt and then says something still true.
        Assert.Equal("Number 1 in the queue. About 3 min.", (await SayAsync(page, "en", new { queuePosition = 1, estimateSeconds = 150, estimateAgo = 0 }, new { })).Queue);
        Assert.Equal("About 1 min.", (await SayAsync(page, "en", new { estimateSeconds = 150, estimateAgo = 75 }, new { })).Queue);
        Assert.Equal("Less than a minute.", (await SayAsync(page, "en", new { estimateSeconds = 150, estimateAgo = 100 }, new { })).Queue);
        Assert.Equal("Any moment now.", (await SayAsync(page, "en", new { estimateSeconds = 60, estimateAgo = 60 }, new { })).Queue);
        Assert.Equal("Taking longer than usual.", (await SayAsync(page, "en", new { estimateSeconds = 60, estimateAgo = 400 }, new { })).Queue);
        Assert.Equal("Taking longer than usual. About 2 min.", (await SayAsync(page, "en", new { requestId = "r1", estimateSeconds = 120, estimateAgo = 0 }, new { overdue = "r1" })).Queue);
        Assert.Equal("Sebentar lagi.", (await SayAsync(page, "id", new { estimateSeconds = 30, estimateAgo = 45 }, new { })).Queue);
        Assert.Equal("Waiting 1:05.", (await SayAsync(page, "en", new { }, new { }, agoSeconds: 65)).Waited);

        // Indonesian says "kios", never "kiosk".
        var indonesian = await page.EvaluateAsync<string>("() => JSON.stringify(phrases.id, (k, v) => typeof v === 'function' ? v('Budi') : v)");
        Assert.DoesNotContain("kiosk", indonesian, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("kios ini", indonesian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offline_kiosk_says_the_request_is_saved_and_a_rating_needs_a_call()
    {
        // No broker listens on this port: the kiosk is offline and must say the request waits for the network.
        await using var server = await KioskServer.StartAsync($"--Broker:Host=127.0.0.1", $"--Broker:Port={FreePort.Next()}", "--Broker:ReconnectMinSeconds=0.1", "--Broker:ReconnectMaxSeconds=1");
        var page = await OpenAsync(server);

        await page.GetByTestId("person-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("calling-detail")).ToContainTextAsync("when the network is back");
        await page.GetByTestId("lang-id").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calling-detail")).ToContainTextAsync("begitu jaringan tersambung lagi");
        await Assertions.Expect(page.GetByTestId("cancel-call")).ToHaveTextAsync("Berhenti memanggil");
        await page.GetByTestId("cancel-call").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-ended")).ToHaveTextAsync("Panggilan dihentikan. Saya siap membantu jika ada hal lain.");
        await Assertions.Expect(page.GetByTestId("rating")).ToHaveCountAsync(0);

        // The end message follows the language switch.
        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-ended")).ToHaveTextAsync("Call stopped. I'm here if you need anything else.");
    }

    private static async Task<Words> SayAsync(IPage page, string language, object help, object context, int? agoSeconds = null)
    {
        var json = await page.EvaluateAsync<JsonElement>(Describe, new object?[] { language, help, context, agoSeconds });
        return new Words(json.GetProperty("title").GetString()!, json.GetProperty("detail").GetString()!, json.GetProperty("queue").GetString()!,
            json.GetProperty("waited").GetString()!, json.GetProperty("initials").ValueKind == JsonValueKind.Null ? null : json.GetProperty("initials").GetString());
    }

    private async Task<IPage> OpenAsync(KioskServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return page;
    }

    private sealed record Words(string Title, string Detail, string Queue, string Waited, string? Initials);
}
