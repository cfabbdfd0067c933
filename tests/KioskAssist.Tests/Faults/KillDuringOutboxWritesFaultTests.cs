using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;
using Microsoft.Data.Sqlite;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// The kiosk process killed with SIGKILL while it writes its outbox, again and again: each cycle presses the button,
/// floods the call with shopper chat lines (each one a SQLite transaction of the call and its outbox message, beside
/// the delivery loop marking messages delivered) and kills the process 0–<c>FAULTS_KILL_MAX_MS</c> ms after the press.
/// After every kill the database passes <c>PRAGMA integrity_check</c> and holds every line the kiosk acknowledged; the
/// kiosk restarts on it, resumes the call, and the shopper cancels. In the end every request and every acknowledged
/// line reached the desk, none twice.
/// </summary>
/// <remarks><c>FAULTS_KILL_CYCLES</c> (100 by default) sets the number of kills.</remarks>
[Trait("Category", "Faults")]
public sealed class KillDuringOutboxWritesFaultTests
{
    [Fact]
    public async Task Kill_9_during_outbox_writes_leaves_the_database_intact_and_delivers_every_request_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var cycles = Math.Max(1, Setting("FAULTS_KILL_CYCLES", 100));
        var latestKill = Setting("FAULTS_KILL_MAX_MS", 60);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var tally = new FaultTally($"kill -9 during outbox writes ({cycles} kills)");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        using var data = new TempDirectory();
        var database = data.File("kiosk.db");
        string[] settings =
        [
            "--Hardware:Mode=Simulated", "--Broker:Host=127.0.0.1", $"--Broker:Port={broker.Port}", "--Broker:ReconnectMinSeconds=0.1",
            "--Broker:ReconnectMaxSeconds=1", $"--Storage:Database={database}", "--Kiosk:Site=kill-site", "--Kiosk:Id=kiosk-1",
            "--Help:UrgentAfterSeconds=600", "--Help:NoticeAfterSeconds=700", "--Logging:LogLevel:Default=Warning",
        ];
        var acknowledged = new List<string>(); // chat lines the kiosk answered 200 to: saved, so they must arrive
        var killedWithAWriteInFlight = 0;
        var restarts = Stopwatch.StartNew();
        restarts.Stop();

        var kiosk = await KioskProcess.StartAsync(settings, cancellation);
        try
        {
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                var context = $"cycle {cycle} of {cycles} (seed {seed})";
                await kiosk.PressAsync(cancellation);
                var pressed = Stopwatch.StartNew();
                var killAt = TimeSpan.FromMilliseconds(random.Next(0, latestKill + 1));
                using var stopFlood = new CancellationTokenSource();
                var flood = FloodAsync(kiosk, cycle, acknowledged, stopFlood.Token);
                if (killAt > pressed.Elapsed)
                {
                    await Task.Delay(killAt - pressed.Elapsed, cancellation);
                }

                kiosk.Kill();
                await stopFlood.CancelAsync();
                killedWithAWriteInFlight += await flood ? 1 : 0;
                await kiosk.DisposeAsync();

                var saved = CheckDatabase(database, context);
                var missing = acknowledged.Where(line => !saved.Contains(line)).ToList();
                Assert.True(missing.Count == 0, $"{context}: acknowledged chat lines missing from the database after the kill: {string.Join(", ", missing)}");

                restarts.Start();
                kiosk = await KioskProcess.StartAsync(settings, cancellation);
                restarts.Stop();
                var help = (await kiosk.StateAsync(cancellation)).GetProperty("help");
                Assert.True(help.ValueKind == JsonValueKind.Object, $"{context}: after the restart the kiosk shows no call.\n{kiosk.RecentOutput}");
                Assert.Equal("open", help.GetProperty("state").GetString());
                var requestId = help.GetProperty("requestId").GetString()!;
                Assert.DoesNotContain(requestId, tally.Sent);
                tally.Pressed(requestId);
                Assert.Equal(JsonValueKind.Null, (await kiosk.CancelAsync(cancellation)).GetProperty("help").ValueKind);
            }

            await desk.WaitForAsync(() => tally.Sent.All(id => desk.Request(id) is { State: HelpState.Cancelled }) ? desk : null, TimeSpan.FromSeconds(60));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await kiosk.HealthAsync(cancellation)).GetProperty("broker").GetProperty("outboxPending").GetInt32() > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The kiosk's outbox did not empty within 30 s.\n{kiosk.RecentOutput}");
                await Task.Delay(50, cancellation);
            }

            await Task.Delay(500, cancellation);
        }
        finally
        {
            await kiosk.DisposeAsync();
        }

        var deliveredLines = tally.Sent.SelectMany(desk.ChatOf).Select(c => c.Text).ToHashSet();
        var lost = acknowledged.Count(line => !deliveredLines.Contains(line));
        tally.ReportAndAssert(desk, string.Create(CultureInfo.InvariantCulture,
            $"kills {cycles} at 0-{latestKill} ms after the press (seed {seed}), {killedWithAWriteInFlight} with a chat write in flight; " +
            $"integrity_check ok {cycles} of {cycles}; chat lines acknowledged {acknowledged.Count}, delivered {acknowledged.Count - lost}; " +
            $"mean restart to ready {restarts.Elapsed.TotalSeconds / cycles:F2} s"));
        Assert.Equal(0, lost);
    }

    /// <summary>Shopper chat lines one after another until the kiosk dies; true when a line was in flight at the kill.</summary>
    private static async Task<bool> FloodAsync(KioskProcess kiosk, int cycle, List<string> acknowledged, CancellationToken stop)
    {
        for (var line = 1; !stop.IsCancellationRequested; line++)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"c{cycle} line {line}");
            try
            {
                if (await kiosk.ChatAsync(text, CancellationToken.None))
                {
                    acknowledged.Add(text);
                }
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Opens the file as the next start would (rolling the WAL forward), checks it, and returns the saved chat lines.</summary>
    private static HashSet<string> CheckDatabase(string path, string context)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.True(check.ExecuteScalar() is "ok", $"{context}: PRAGMA integrity_check failed after the kill.");
        }

        var lines = new HashSet<string>();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT payload FROM outbox WHERE topic LIKE 'ka/v1/chat/%'";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            if (ProtocolJson.TryDecode<ChatMessage>(new ReadOnlySequence<byte>((byte[])reader.GetValue(0)), out var line, out _))
            {
                lines.Add(line!.Text);
            }
        }

        return lines;
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
