using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.Protocol.Messages;
using KioskAssist.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace KioskAssist.Bench;

/// <summary>
/// The shopper's screen in a real Chromium against the kiosk (in-process) and a broker, with a bare MQTT peer as the
/// desk. Per tap: "Talk to a person" is clicked; the desk peer notes when the request arrived from the broker; the page
/// notes (a MutationObserver, wall clock) every change of <c>calling-detail</c> between "sent" and anything else.
/// Tap → sent is the last change to "sent" minus the arrival: a screen that said "sent" and then fell back to "saved"
/// counts from when it said "sent" again, and one that never settles on "sent" counts as a failure. Then the desk claims
/// and sends a chat line; agent line → screen is from just before the publish to the bubble's appearance. The shopper
/// then cancels on screen and the next tap waits until the desk saw the request cleared.
/// </summary>
/// <remarks>
/// Both clocks are this machine's wall clock (.NET <see cref="DateTimeOffset.UtcNow"/> anchored to a <see cref="Stopwatch"/>;
/// the page's <c>performance.timeOrigin + performance.now()</c>), so the figures are good to about a millisecond.
/// </remarks>
public sealed class ScreenBenchmark
{
    private const int ButtonPin = 17;
    private const string Site = "bench";
    private const string KioskId = "k1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly AgentRef Agent = new("ana", "Ana");

    // Runs before the page's own script: records, on the wall clock, each switch of calling-detail between "sent" and
    // not, and the first appearance of each agent bubble.
    private const string Observer = """
        window.__bench = { sent: null, log: [], agent: [] };
        new MutationObserver(() => {
          const now = performance.timeOrigin + performance.now();
          const b = window.__bench;
          const detail = document.querySelector('[data-testid="calling-detail"]');
          const sent = !!detail && new RegExp(b.pattern ?? "^(Sent|Terkirim)").test(detail.textContent ?? "");
          if (sent !== b.sent) { b.sent = sent; b.log.push([now, sent]); }
          for (const bubble of document.querySelectorAll('[data-testid="message-agent"]')) {
            if (!bubble.__bench) { bubble.__bench = true; b.agent.push([now, bubble.textContent]); }
          }
        }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        """;

    /// <summary>Runs <paramref name="taps"/> measured taps after <paramref name="warmup"/>; <paramref name="settleMilliseconds"/>: how long "sent" must hold.</summary>
    public async Task<ScreenResult> RunAsync(int brokerPort, bool embedded, int taps, int warmup, int settleMilliseconds, string sentPattern)
    {
        var driver = new FakeGpioDriver();
        var data = Path.Combine(Path.GetTempPath(), "kioskassist-bench", Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--Screen:Port=0",
            "--Logging:LogLevel:Default=Warning",
            "--Hardware:Mode=Gpio",
            $"--Broker:Host={(embedded ? string.Empty : "127.0.0.1")}",
            $"--Broker:Port={brokerPort}",
            $"--Storage:Database={Path.Combine(data, "kiosk.db")}",
            $"--Kiosk:Site={Site}",
            $"--Kiosk:Id={KioskId}",
        ];
        var app = KioskApplication.Create(args, services =>
        {
            services.RemoveAll<GpioController>();
            services.AddSingleton(new GpioController(driver));
        });
        await app.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        try
        {
            var address = new Uri(app.Urls.Single());
            await app.Services.GetRequiredService<KioskBrokerLink>().WaitUntilUpAsync(CancellationToken.None).WaitAsync(Patience);
            await using var desk = await DeskPeer.ConnectAsync(brokerPort);
            // One agent online, so the screen shows the ordinary "sent" text rather than "no one is online".
            await desk.PublishQueueAsync(agentsOnline: 1, medianSecondsToClaim: 30);

            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 } });
            await page.AddInitScriptAsync(Observer);
            await page.GotoAsync(address.ToString());
            await page.EvaluateAsync("p => { window.__bench.pattern = p; }", sentPattern);
            await page.GetByTestId("person-button").WaitForAsync();

            var clock = new WallClock();
            var result = new ScreenResult(new Latencies(), new Latencies(), 0, 0);
            for (var i = 0; i < warmup + taps; i++)
            {
                var measured = i >= warmup;
                await page.EvaluateAsync("() => { window.__bench.log = []; window.__bench.agent = []; window.__bench.sent = null; }");
                var arrival = desk.NextRequestAsync();
                await page.GetByTestId("person-button").ClickAsync();
                var (requestId, arrivedTimestamp) = await arrival.WaitAsync(Patience);
                var arrivedAt = clock.At(arrivedTimestamp);

                // "Sent" must be on screen and stay there for the settle time; the last switch to it is when it arrived.
                var (sentAt, fellBack) = await WaitForSentAsync(page, settleMilliseconds);
                if (measured)
                {
                    if (sentAt is { } at)
                    {
                        result.TapToSent.AddMilliseconds(at - arrivedAt);
                    }
                    else
                    {
                        result = result with { NeverSent = result.NeverSent + 1 };
                    }

                    result = result with { FellBack = result.FellBack + (fellBack ? 1 : 0) };
                }

                if (!await desk.ActAsync(Site, KioskId, requestId, Agent, AgentActionType.Claim))
                {
                    throw new InvalidOperationException($"tap {i + 1}: the broker refused the claim");
                }

                var line = string.Create(CultureInfo.InvariantCulture, $"Hello, this is line {i + 1}.");
                var published = clock.Now();
                if (!await desk.ActAsync(Site, KioskId, requestId, Agent, AgentActionType.Chat, line))
                {
                    throw new InvalidOperationException($"tap {i + 1}: the broker refused the chat line");
                }

                var shownAt = await WaitForAgentLineAsync(page, line);
                if (measured)
                {
                    result.AgentLineToScreen.AddMilliseconds(shownAt - published);
                }

                var cleared = desk.ClearedAsync(requestId);
                await page.GetByTestId("cancel-call").ClickAsync();
                await cleared.WaitAsync(Patience);
                await page.GetByTestId("person-button").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
            }

            return result;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            TryDelete(data);
        }
    }

    /// <summary>Wall-clock milliseconds of the last switch to "sent" once it held for the settle time; null if it never did within 5 s.</summary>
    private static async Task<(double? SentAt, bool FellBack)> WaitForSentAsync(IPage page, int settleMilliseconds)
    {
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(5))
        {
            var log = await page.EvaluateAsync<JsonElement>("() => window.__bench.log");
            var entries = log.EnumerateArray().Select(e => (At: e[0].GetDouble(), Sent: e[1].GetBoolean())).ToList();
            var fellBack = entries.SkipWhile(e => !e.Sent).Any(e => !e.Sent);
            if (entries.Count > 0 && entries[^1].Sent)
            {
                var now = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
                if (now - entries[^1].At >= settleMilliseconds)
                {
                    return (entries[^1].At, fellBack);
                }
            }

            await Task.Delay(20);
        }

        var last = await page.EvaluateAsync<JsonElement>("() => window.__bench.log");
        return (null, last.EnumerateArray().Any(e => e[1].GetBoolean()));
    }

    private static async Task<double> WaitForAgentLineAsync(IPage page, string line)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < Patience)
        {
            var seen = await page.EvaluateAsync<JsonElement>("() => window.__bench.agent");
            foreach (var entry in seen.EnumerateArray())
            {
                if (entry[1].GetString()?.Contains(line, StringComparison.Ordinal) == true)
                {
                    return entry[0].GetDouble();
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"the screen never showed the agent's line '{line}'");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>This process's wall clock in Unix milliseconds, read through a <see cref="Stopwatch"/> anchored once.</summary>
    private sealed class WallClock
    {
        private readonly long _anchor = Stopwatch.GetTimestamp();
        private readonly double _anchorUnixMs = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

        public double At(long timestamp) => _anchorUnixMs + Stopwatch.GetElapsedTime(_anchor, timestamp).TotalMilliseconds;

        public double Now() => At(Stopwatch.GetTimestamp());
    }
}
