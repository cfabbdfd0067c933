using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.HelpCall;

/// <summary>
/// The kiosk as a real OS process, killed with SIGKILL (<c>kill -9</c>) between a press and its delivery, then
/// started again on the same database: the request still reaches the desk, once, under the id the shopper got.
/// </summary>
/// <remarks>
/// The loop runs <c>KIOSK_KILL_CYCLES</c> cycles (5 by default) and kills 0–<c>KIOSK_KILL_MAX_MS</c> ms (300 by default)
/// after each press; <c>tests/bench/kill-restart.sh</c> runs 100 and reads the counts this test writes to the file
/// named by <c>KIOSK_KILL_REPORT</c>.
/// </remarks>
[Trait("Category", "Integration")]
public sealed class KioskKilledTests
{
    private const string Question = "why was my paylater declined";

    [Fact]
    public async Task A_request_saved_while_the_broker_is_down_survives_kill_9_and_reaches_the_desk_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        using var data = new TempDirectory();
        var settings = Settings(broker, data);
        await using (var kiosk = await KioskProcess.StartAsync(settings, cancellation))
        {
            await kiosk.AskAsync(Question, "en", cancellation);
            await broker.StopAsync();

            await kiosk.PressAsync(cancellation);
            kiosk.Kill();
        }

        await broker.RestartAsync();
        await using var restarted = await KioskProcess.StartAsync(settings, cancellation);

        var help = (await restarted.StateAsync(cancellation)).GetProperty("help");
        Assert.Equal("open", help.GetProperty("state").GetString());
        Assert.Equal("button", help.GetProperty("reason").GetString());
        var requestId = help.GetProperty("requestId").GetString()!;
        var request = await desk.WaitForAsync(() => desk.Request(requestId));
        Assert.Equal(HelpState.Open, request.State);
        Assert.Equal(Question, request.Transcript[0].Text);
        Assert.Equal("assistant", request.Transcript[1].Speaker);
        await WaitUntilSettledAsync(restarted, cancellation);
        Assert.Equal([requestId], desk.Requests.Select(r => r.Id));
        Assert.All(desk.RequestDeliveries, d => Assert.Equal((requestId, 1, HelpState.Open), (d.Id, d.Revision, d.State)));
    }

    [Fact]
    public async Task Kill_9_at_a_random_moment_after_each_press_delivers_every_request_exactly_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var cycles = Math.Max(1, Setting("KIOSK_KILL_CYCLES", 5));
        var latestKill = Setting("KIOSK_KILL_MAX_MS", 300);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        using var data = new TempDirectory();
        var settings = Settings(broker, data);
        var pressed = new List<string>();
        var killedBeforeTheDeskHadIt = 0;
        var clock = Stopwatch.StartNew();

        var kiosk = await KioskProcess.StartAsync(settings, cancellation);
        try
        {
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                var context = $"cycle {cycle} of {cycles} (seed {seed})";
                var seenBefore = desk.Requests.Count;
                await kiosk.PressAsync(cancellation);
                var killAt = TimeSpan.FromMilliseconds(random.Next(0, latestKill + 1));
                var pressReturned = Stopwatch.StartNew();
                // Ask which request the press made while the kill is on its way; the kill may well win.
                var stateBeforeKill = TryStateAsync(kiosk, cancellation);
                var wait = killAt - pressReturned.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellation);
                }

                kiosk.Kill();
                if (desk.Requests.Count == seenBefore)
                {
                    killedBeforeTheDeskHadIt++;
                }

                var idBeforeKill = (await stateBeforeKill)?.GetProperty("help") is { ValueKind: JsonValueKind.Object } h ? h.GetProperty("requestId").GetString() : null;
                await kiosk.DisposeAsync();

                kiosk = await KioskProcess.StartAsync(settings, cancellation);
                var help = (await kiosk.StateAsync(cancellation)).GetProperty("help");
                Assert.True(help.ValueKind == JsonValueKind.Object, $"{context}: after the restart the kiosk shows no call.\n{kiosk.RecentOutput}");
                Assert.Equal("open", help.GetProperty("state").GetString());
                var requestId = help.GetProperty("requestId").GetString()!;
                if (idBeforeKill is not null)
                {
                    Assert.Equal(idBeforeKill, requestId);
                }

                Assert.DoesNotContain(requestId, pressed);
                pressed.Add(requestId);

                var cancelled = await kiosk.CancelAsync(cancellation);
                Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("help").ValueKind);
            }

            // Every press reached the desk and finished there, and nothing else did.
            await desk.WaitForAsync(() => pressed.All(id => desk.Request(id) is { State: HelpState.Cancelled }) ? desk : null, TimeSpan.FromSeconds(60));
            await WaitUntilSettledAsync(kiosk, cancellation);
        }
        finally
        {
            await kiosk.DisposeAsync();
        }

        var shown = desk.Requests.Select(r => r.Id).ToHashSet();
        var delivered = pressed.Count(shown.Contains);
        var duplicates = shown.Count(id => !pressed.Contains(id));
        var openDeliveries = desk.RequestDeliveries.Where(d => d.State == HelpState.Open).GroupBy(d => d.Id).ToList();
        var summary = string.Create(CultureInfo.InvariantCulture, $"""
            cycles={cycles}
            kill_window_ms=0-{latestKill}
            seed={seed}
            sent={pressed.Count}
            delivered={delivered}
            shown_to_agents={shown.Count}
            duplicates_shown_to_agents={duplicates}
            killed_before_the_desk_had_it={killedBeforeTheDeskHadIt}
            request_deliveries={desk.RequestDeliveries.Count}
            open_state_redeliveries={openDeliveries.Sum(g => g.Count() - 1)}
            seconds={clock.Elapsed.TotalSeconds:F1}
            """);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("KIOSK_KILL_REPORT") is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, summary + "\n", cancellation);
        }

        Assert.Equal(cycles, pressed.Count);
        Assert.Equal(pressed.Count, delivered);
        Assert.Equal(0, duplicates);
        Assert.Equal(pressed.Count, shown.Count);
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;

    private static string[] Settings(MosquittoBroker broker, TempDirectory data) =>
    [
        "--Hardware:Mode=Simulated",
        "--Broker:Host=127.0.0.1",
        $"--Broker:Port={broker.Port}",
        "--Broker:ReconnectMinSeconds=0.1",
        "--Broker:ReconnectMaxSeconds=1",
        $"--Storage:Database={data.File("kiosk.db")}",
        "--Kiosk:Site=s1",
        "--Kiosk:Id=k1",
        // Escalation would add revisions mid-test on a slow machine; this test is about the first one arriving once.
        "--Help:UrgentAfterSeconds=600",
        "--Help:NoticeAfterSeconds=700",
    ];

    /// <summary>The screen state, or null when the kiosk died before it answered.</summary>
    private static async Task<JsonElement?> TryStateAsync(KioskProcess kiosk, CancellationToken cancellationToken)
    {
        try
        {
            return await kiosk.StateAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Until the kiosk's outbox is empty, then a moment for redeliveries in flight to land.</summary>
    private static async Task WaitUntilSettledAsync(KioskProcess kiosk, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await kiosk.HealthAsync(cancellationToken)).GetProperty("broker").GetProperty("outboxPending").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The kiosk's outbox did not empty within 30 s.\n{kiosk.RecentOutput}");
            await Task.Delay(50, cancellationToken);
        }

        await Task.Delay(500, cancellationToken);
    }
}
