using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.Pos;
using KioskAssist.PosSimulator;
using KioskAssist.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KioskAssist.Bench;

/// <summary>
/// POS events on loopback: event POSTed → its message on the screen of a real Chromium (a MutationObserver stamps the
/// moment the page shows it), and the shopper's answer latency alone and during a flood of item.scanned events
/// (default 1,000 a second for 10 s, four senders) against the kiosk in-process with its embedded broker.
/// </summary>
public static class PosBenchmark
{
    private const string Site = "bench-site";
    private const string Lane = "lane-1";

    // Stamps (browser wall clock, ms) when the message box starts showing an event's message.
    private const string Observer = """
        window.__pos = {};
        new MutationObserver(() => {
          const box = document.getElementById("pos-notice");
          if (box && !box.hidden && box.dataset.notice && !window.__pos[box.dataset.notice]) window.__pos[box.dataset.notice] = performance.timeOrigin + performance.now();
        }).observe(document, { subtree: true, attributes: true, childList: true, characterData: true });
        """;

    private static readonly string[] Questions = ["how do I pay with QRIS?", "where is the toilet?", "can I get a receipt?", "kenapa kartu saya ditolak?", "do you take credit cards?"];

    public static async Task<int> RunAsync(int events, int floodRate, int floodSeconds, int questions, TextWriter output)
    {
        var data = Path.Combine(Path.GetTempPath(), "kioskassist-bench", Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--Screen:Port=0", "--Logging:LogLevel:Default=Warning", "--Hardware:Mode=Simulated", "--Production:AllowSimulatedHardware=true",
            "--Production:AllowEmbeddedBroker=true", $"--Broker:Port={FreePort.Next()}", $"--Storage:Database={Path.Combine(data, "kiosk.db")}",
            $"--Kiosk:Site={Site}", $"--Kiosk:Id={Lane}", "--Pos:RepeatWindowSeconds=0", "--Screen:IdleTimeoutSeconds=3600",
        ];
        var app = KioskApplication.Create(args);
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Urls.Single());
            using var http = new HttpClient { BaseAddress = address };
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
            await page.AddInitScriptAsync(Observer);
            await page.GotoAsync(address.ToString());
            await page.GetByTestId("person-button").WaitForAsync();

            var toScreen = new Latencies();
            string[] codes = ["51", "54", "55", "75", "91", "05"];
            for (var i = 0; i < events + 5; i++)
            {
                var e = PosEvents.Create(Site, Lane, "payment.declined", new { method = "card", reasonCode = codes[i % codes.Length], amount = 245_000L, currency = "IDR" }, "bench");
                var sentAt = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                await PostAsync(http, PosEvents.Encode(e));
                await page.WaitForFunctionAsync("id => !!window.__pos[id]", e.Id, new PageWaitForFunctionOptions { Timeout = 10_000 });
                if (i >= 5)
                {
                    toScreen.AddMilliseconds(await page.EvaluateAsync<double>("id => window.__pos[id]", e.Id) - sentAt);
                }

                await Task.Delay(60); // the rate limit is 20 a second (Pos:MaxEventsPerSecond): stay under it
            }

            var quiet = await AskAsync(http, questions, TimeSpan.Zero);
            var counters = app.Services.GetRequiredService<PosCounters>();
            var (acceptedBefore, limitedBefore) = (counters.Accepted, counters.RejectedByReason().GetValueOrDefault("rate_limited"));
            var flood = Enumerable.Range(0, 4).Select(s => FloodAsync(address, floodRate / 4, floodSeconds, s)).ToArray();
            var during = await AskAsync(http, questions, TimeSpan.FromSeconds(floodSeconds) / questions);
            var sent = (await Task.WhenAll(flood)).Sum();
            var accepted = counters.Accepted - acceptedBefore;
            var limited = counters.RejectedByReason().GetValueOrDefault("rate_limited") - limitedBefore;

            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"Kiosk in-process on loopback, Chromium 800x480, {Environment.ProcessorCount} cores; milliseconds p50 / p99 / max"));
            output.WriteLine(string.Create(c, $"| event POSTed → message on screen | {toScreen.Count} events | {Triple(toScreen)} |"));
            output.WriteLine(string.Create(c, $"| question → answer, no flood | {quiet.Count} questions | {Triple(quiet)} |"));
            output.WriteLine(string.Create(c, $"| question → answer, during the flood | {during.Count} questions | {Triple(during)} |"));
            using var health = await http.GetAsync("/health");
            var up = health.IsSuccessStatusCode;
            output.WriteLine(string.Create(c, $"| flood | {sent} events sent ({floodRate}/s for {floodSeconds} s) | accepted {accepted}, rate_limited {limited}, kiosk up: {up} |"));
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(PosEndpoints.StructuredContentType);
        using var response = await http.PostAsync("/pos/events", content);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"the kiosk answered {(int)response.StatusCode} to a benchmark event: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<Latencies> AskAsync(HttpClient http, int count, TimeSpan spacing)
    {
        var latencies = new Latencies();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/ask", new { text = Questions[i % Questions.Length], language = "en" });
            response.EnsureSuccessStatusCode();
            latencies.Add(started, Stopwatch.GetTimestamp());
            if (spacing > TimeSpan.Zero)
            {
                await Task.Delay(spacing);
            }
        }

        return latencies;
    }

    /// <summary>One sender: <paramref name="rate"/> item.scanned a second, paced; returns how many it sent.</summary>
    private static async Task<int> FloodAsync(Uri address, int rate, int seconds, int sender)
    {
        using var http = new HttpClient { BaseAddress = address };
        var clock = Stopwatch.StartNew();
        var total = rate * seconds;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            using var content = new ByteArrayContent(PosEvents.Encode(PosEvents.Create(Site, Lane, "item.scanned", new { quantity = 1, itemCount = 1 + (i % 50), total = 10_000L, currency = "IDR" }, $"flood{sender}")));
            content.Headers.ContentType = new MediaTypeHeaderValue(PosEndpoints.StructuredContentType);
            using var response = await http.PostAsync("/pos/events", content);
        }

        return total;
    }

    private static string Triple(Latencies l) =>
        string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(0.50):F1} / {l.Percentile(0.99):F1} / {l.Max:F1}");
}
