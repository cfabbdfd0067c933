using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KioskAssist.FirmwareHost.Pos;
using KioskAssist.PosSimulator;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Pos;

/// <summary>
/// A flood of POS events (1,000 a second for 10 s over HTTP, four senders) against the real kiosk host: dropped and
/// counted by the lane's rate limit, the kiosk stays up, and the shopper's questions are still answered within budget.
/// </summary>
[Trait("Category", "Pos")]
public sealed class PosFloodTests
{
    /// <summary>An answer must come within this even during the flood (on a shared, loaded CI machine).</summary>
    private const double AnswerBudgetMs = 500;

    [Fact]
    public async Task A_flood_is_dropped_and_counted_and_answers_stay_within_budget()
    {
        await using var kiosk = await KioskServer.StartAsync("--Kiosk:Site=s", "--Kiosk:Id=k");
        using var client = kiosk.CreateClient();
        var clock = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, 4).Select(i => SendAsync(kiosk, rate: 250, seconds: 10, i)).ToArray();

        var answers = new List<double>();
        while (!senders.All(s => s.IsCompleted))
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/ask", new { text = "how do I pay with QRIS?", language = "en" }, TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
            answers.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var statuses = (await Task.WhenAll(senders)).SelectMany(s => s).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var elapsed = clock.Elapsed.TotalSeconds;
        var counters = kiosk.Get<PosCounters>();
        var limited = counters.RejectedByReason().GetValueOrDefault("rate_limited");

        Assert.Equal(10_000, statuses.Values.Sum());
        Assert.Equal(statuses.GetValueOrDefault(429), limited);
        Assert.Equal(statuses.GetValueOrDefault(202), counters.Accepted);
        // At most the burst plus the average rate over the time the flood took (defaults: 40 + 20/s).
        Assert.InRange(counters.Accepted, 1, 40 + (20 * elapsed) + 1);
        Assert.True(answers.Count >= 20, $"only {answers.Count} questions were asked during the flood");
        Assert.True(answers.Max() < AnswerBudgetMs, $"an answer took {answers.Max():F1} ms during the flood");

        // Still up, and still taking events once the flood is over (the bucket refills).
        await Task.Delay(200, TestContext.Current.CancellationToken);
        var health = JsonDocument.Parse(await client.GetStringAsync("/health", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(limited, health.GetProperty("pos").GetProperty("rejectedBy").GetProperty("rate_limited").GetInt64());
        Assert.Equal(202, await PostAsync(client, PosEvents.Encode(PosEvents.Create("s", "k", "item.not_found", null))));
    }

    private static async Task<List<int>> SendAsync(KioskServer kiosk, int rate, int seconds, int sender)
    {
        using var http = kiosk.CreateClient();
        var statuses = new List<int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, TestContext.Current.CancellationToken);
            }

            statuses.Add(await PostAsync(http, PosEvents.Encode(PosEvents.Create("s", "k", "item.scanned", new { quantity = 1, itemCount = 1 + (i % 40), total = 9_000L, currency = "IDR" }, $"flood{sender}"))));
        }

        return statuses;
    }

    private static async Task<int> PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        using var response = await http.PostAsync("/pos/events", content, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }
}
