using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Faults;

/// <summary>
/// The kiosk's disk fills up. The kiosk runs in its own mount namespace (<c>unshare -rm</c>) with its state folder on a
/// 4 MiB tmpfs that a helper beside it fills with <c>dd</c> on cue: a real ENOSPC from a real filesystem, not a
/// simulated error. Pressing the button then still reaches the desk (published without being saved), the screen says
/// the request could not be saved, the log names the file and the reason, and once space is freed the kiosk saves
/// the call after all.
/// </summary>
[Trait("Category", "Faults")]
public sealed class DiskFullFaultTests
{
    // $1 state folder (the mount point), $2 fill cue, $3 free cue; the rest is the kiosk's command line, exec'd so the
    // kiosk keeps this process id (kill -9 reaches it). The helper lives as long as the kiosk does.
    private const string Launcher = """
        #!/bin/bash
        set -u
        dir=$1 fill=$2 free=$3
        shift 3
        mount -t tmpfs -o size=4m,mode=0700 kiosk-state "$dir" || { echo "could not mount a tmpfs on $dir" >&2; exit 97; }
        kiosk=$$
        (
          while kill -0 "$kiosk" 2>/dev/null; do
            if [ -e "$fill" ] && [ ! -e "$fill.done" ]; then dd if=/dev/zero of="$dir/filler" bs=4k 2>/dev/null; df -k "$dir" > "$fill.done"; fi
            if [ -e "$free" ] && [ ! -e "$free.done" ]; then rm -f "$dir/filler"; touch "$free.done"; fi
            sleep 0.05
          done
        ) &
        exec "$@"
        """;

    [Fact]
    public async Task A_full_disk_is_shown_and_logged_and_the_request_still_reaches_an_agent()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tally = new FaultTally("disk full");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        using var data = new TempDirectory();
        var (database, fill, free) = (data.File("state/kiosk.db"), data.File("fill"), data.File("free"));
        await using var kiosk = await StartOnSmallDiskAsync(broker, data);
        await FillAsync(fill);
        var clock = Stopwatch.StartNew();

        await kiosk.PressAsync(cancellation);

        var help = await HelpAsync(kiosk);
        Assert.False(help.GetProperty("saved").GetBoolean(), $"The screen does not say the request was not saved.\n{kiosk.RecentOutput}");
        var first = help.GetProperty("requestId").GetString()!;
        tally.Pressed(first);
        var request = await desk.WaitForAsync(() => desk.Request(first));
        var reachedDesk = clock.Elapsed;
        Assert.Equal(HelpState.Open, request.State);
        await UntilAsync(async () => (await HelpAsync(kiosk)).GetProperty("delivered").GetBoolean(), "the screen says sent");
        // The console logger writes from its own queue: the line may come a moment after the screen changed.
        await Eventually.TrueAsync(() => kiosk.RecentOutput.Contains("could NOT be saved to " + database, StringComparison.Ordinal), "the log names the file");
        Assert.Contains("database or disk is full", kiosk.RecentOutput, StringComparison.Ordinal);

        // The call goes on from memory: chat out, cancel, and a second call, all with the disk still full.
        Assert.True(await kiosk.ChatAsync("is anyone there?", cancellation));
        await desk.WaitForAsync(() => desk.ChatOf(first).SingleOrDefault());
        await kiosk.CancelAsync(cancellation);
        await desk.WaitForAsync(() => desk.Request(first) is { State: HelpState.Cancelled } r ? r : null);
        await kiosk.PressAsync(cancellation);
        var second = (await HelpAsync(kiosk)).GetProperty("requestId").GetString()!;
        tally.Pressed(second);
        Assert.False((await HelpAsync(kiosk)).GetProperty("saved").GetBoolean());
        await desk.WaitForAsync(() => desk.Request(second));

        await File.WriteAllTextAsync(free, "", cancellation);
        await UntilAsync(async () => (await HelpAsync(kiosk)).GetProperty("saved").GetBoolean(), "the kiosk saved the call once space was freed");
        await Eventually.TrueAsync(() => kiosk.RecentOutput.Contains("works again", StringComparison.Ordinal), "the log says the storage works again");
        await kiosk.CancelAsync(cancellation);
        await desk.WaitForAsync(() => desk.Request(second) is { State: HelpState.Cancelled } r ? r : null);
        await Task.Delay(500, cancellation);

        var df = (await File.ReadAllTextAsync(fill + ".done", cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        tally.ReportAndAssert(desk, string.Create(CultureInfo.InvariantCulture,
            $"first request at the desk {reachedDesk.TotalMilliseconds:F0} ms after the press with the disk full; filled filesystem: {df}"));
    }

    [Fact]
    public async Task A_call_made_with_the_disk_full_and_the_broker_down_is_saved_when_space_returns_and_delivered_when_the_broker_does()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var tally = new FaultTally("disk full and broker down");
        await using var broker = await MosquittoBroker.StartAsync();
        await using var desk = await TestDesk.ConnectAsync(broker);
        using var data = new TempDirectory();
        await using var kiosk = await StartOnSmallDiskAsync(broker, data);
        await FillAsync(data.File("fill"));
        await broker.StopAsync();

        await kiosk.PressAsync(cancellation);
        var help = await HelpAsync(kiosk);
        var id = help.GetProperty("requestId").GetString()!;
        tally.Pressed(id);
        Assert.False(help.GetProperty("saved").GetBoolean());
        Assert.False(help.GetProperty("delivered").GetBoolean());
        Assert.True(await kiosk.ChatAsync("hello?", cancellation));

        // Space returns before the network: the messages held in memory go into the outbox, in order, with the call.
        await File.WriteAllTextAsync(data.File("free"), "", cancellation);
        await UntilAsync(async () => (await HelpAsync(kiosk)).GetProperty("saved").GetBoolean(), "the kiosk saved the call once space was freed");
        Assert.Equal(2, (await kiosk.HealthAsync(cancellation)).GetProperty("broker").GetProperty("outboxPending").GetInt32());

        await broker.RestartAsync();
        var request = await desk.WaitForAsync(() => desk.Request(id), TimeSpan.FromSeconds(30));
        await desk.WaitForAsync(() => desk.ChatOf(id).SingleOrDefault(), TimeSpan.FromSeconds(30));
        Assert.Equal(HelpState.Open, request.State);
        await UntilAsync(async () => (await HelpAsync(kiosk)).GetProperty("delivered").GetBoolean(), "the screen says sent");
        await Task.Delay(500, cancellation);
        tally.ReportAndAssert(desk);
    }

    /// <summary>The kiosk as its own process, its state folder (<c>state/</c> under <paramref name="data"/>) a 4 MiB tmpfs.</summary>
    private static async Task<KioskProcess> StartOnSmallDiskAsync(MosquittoBroker broker, TempDirectory data)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var state = Directory.CreateDirectory(data.File("state")).FullName;
        var script = data.File("launch.sh");
        await File.WriteAllTextAsync(script, Launcher.ReplaceLineEndings("\n"), cancellation);
        string[] settings =
        [
            "--Hardware:Mode=Simulated", "--Broker:Host=127.0.0.1", $"--Broker:Port={broker.Port}", "--Broker:ReconnectMinSeconds=0.1",
            "--Broker:ReconnectMaxSeconds=1", $"--Storage:Database={Path.Combine(state, "kiosk.db")}", "--Kiosk:Site=full-site", "--Kiosk:Id=kiosk-1",
            "--Help:UrgentAfterSeconds=600", "--Help:NoticeAfterSeconds=700",
            "--Help:NoDeskGraceSeconds=500", // no desk runs here: the early staff alert would add to the outbox counted below
        ];
        return await KioskProcess.StartAsync(settings, cancellation, ["unshare", "-rm", "bash", script, state, data.File("fill"), data.File("free")]);
    }

    private static async Task FillAsync(string fill)
    {
        await File.WriteAllTextAsync(fill, "", TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => File.Exists(fill + ".done"), "the helper filled the kiosk's filesystem");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<JsonElement> HelpAsync(KioskProcess kiosk)
    {
        var help = (await kiosk.StateAsync(TestContext.Current.CancellationToken)).GetProperty("help");
        Assert.Equal(JsonValueKind.Object, help.ValueKind);
        return help;
    }
}
