using System.CommandLine;
using System.Globalization;
using KioskAssist.Testing;

namespace KioskAssist.Bench;

/// <summary>
/// <c>kioskassist-bench [--presses N] [--warmup N] [--debounce MS...]</c>: button edge to desk, and claim to screen,
/// through Mosquitto on loopback. Prints one table row per debounce setting. <c>kioskassist-bench outbox [--requests N]</c>:
/// help requests persisted per second. Output goes to the given writer.
/// </summary>
public static class BenchCli
{
    public static RootCommand Create(TextWriter output)
    {
        var presses = new Option<int>("--presses") { Description = "Measured presses per debounce setting.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Presses before measuring (JIT, connection pools).", DefaultValueFactory = _ => 10 };
        var debounce = new Option<int[]>("--debounce")
        {
            Description = "Hardware:DebounceMilliseconds values to run, one kiosk each.",
            DefaultValueFactory = _ => [0, 30],
            AllowMultipleArgumentsPerToken = true,
        };
        var noDelay = new Option<bool>("--broker-tcp-nodelay") { Description = "Start Mosquitto with set_tcp_nodelay true (default: Mosquitto's default, false)." };
        var command = new RootCommand("KioskAssist help-call latency: button edge → agent desk, agent claim → kiosk screen (Mosquitto on loopback).")
        {
            presses, warmup, debounce, noDelay,
            OutboxCommand(output),
            ScreenCommand(output),
            PosCommand(output),
        };
        command.SetAction(async (result, _) =>
        {
            await using var broker = await MosquittoBroker.StartAsync(result.GetValue(noDelay));
            var benchmark = new LatencyBenchmark(broker, output);
            var rows = new List<BenchResult>();
            foreach (var d in result.GetValue(debounce)!)
            {
                rows.Add(await benchmark.RunAsync(d, result.GetValue(presses), result.GetValue(warmup)));
            }

            Print(output, rows, Environment.ProcessorCount, result.GetValue(noDelay));
            return 0;
        });
        return command;
    }

    private static Command OutboxCommand(TextWriter output)
    {
        var requests = new Option<int>("--requests") { Description = "Requests persisted and timed.", DefaultValueFactory = _ => 2000 };
        var warmup = new Option<int>("--warmup") { Description = "Requests persisted before timing.", DefaultValueFactory = _ => 50 };
        var directory = new Option<string>("--directory")
        {
            Description = "Folder for the SQLite file (on a Pi: the SD card's /var/lib/kioskassist).",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "kioskassist-bench"),
        };
        var command = new Command("outbox", "Help requests persisted per second: the kiosk's HelpCallStore over SQLite (WAL, synchronous=FULL), one transaction each.")
        {
            requests, warmup, directory,
        };
        command.SetAction(result => new OutboxBenchmark(output).Run(result.GetValue(directory)!, result.GetValue(requests), result.GetValue(warmup)));
        return command;
    }

    private static Command ScreenCommand(TextWriter output)
    {
        var taps = new Option<int>("--taps") { Description = "Measured taps.", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Taps before measuring.", DefaultValueFactory = _ => 5 };
        var settle = new Option<int>("--settle") { Description = "Milliseconds \"sent\" must stay on screen to count.", DefaultValueFactory = _ => 500 };
        var embedded = new Option<bool>("--embedded") { Description = "Use the kiosk's embedded MQTTnet broker instead of Mosquitto." };
        var noDelay = new Option<bool>("--broker-tcp-nodelay") { Description = "Start Mosquitto with set_tcp_nodelay true." };
        var sent = new Option<string>("--sent-pattern") { Description = "JavaScript regex that the calling-detail text matches when it says sent.", DefaultValueFactory = _ => "^(Sent|Terkirim)" };
        var command = new Command("screen", "Tap → \"sent\" on the screen against the request reaching a subscriber, and agent line → screen, in Chromium (/usr/bin/chromium).")
        {
            taps, warmup, settle, embedded, noDelay, sent,
        };
        command.SetAction(async (result, _) =>
        {
            var c = CultureInfo.InvariantCulture;
            var useEmbedded = result.GetValue(embedded);
            await using var broker = useEmbedded ? null : await MosquittoBroker.StartAsync(result.GetValue(noDelay));
            var port = broker?.Port ?? FreePort.Next();
            var row = await new ScreenBenchmark().RunAsync(port, useEmbedded, result.GetValue(taps), result.GetValue(warmup), result.GetValue(settle), result.GetValue(sent)!);
            var brokerName = useEmbedded ? "embedded MQTTnet" : $"Mosquitto (set_tcp_nodelay {(result.GetValue(noDelay) ? "true" : "false")})";
            output.WriteLine(string.Create(c, $"Chromium, 800x480, {brokerName} on loopback, kiosk in-process, {Environment.ProcessorCount} cores; milliseconds, p50 / p99 / max"));
            output.WriteLine();
            output.WriteLine("| taps | tap → sent (vs broker → subscriber) | over 150 ms | sent then fell back | never settled on sent | agent line → screen | over 300 ms |");
            output.WriteLine("|---:|---|---:|---:|---:|---|---:|");
            output.WriteLine(string.Create(c,
                $"| {result.GetValue(taps)} | {(row.TapToSent.Count > 0 ? Triple(row.TapToSent) : "–")} | {row.TapToSent.Over(150)} | {row.FellBack} | {row.NeverSent} | {Triple(row.AgentLineToScreen)} | {row.AgentLineToScreen.Over(300)} |"));
            return row.NeverSent == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command PosCommand(TextWriter output)
    {
        var events = new Option<int>("--events") { Description = "Measured POS events (payment.declined) → message on screen.", DefaultValueFactory = _ => 200 };
        var rate = new Option<int>("--flood-rate") { Description = "Flood: item.scanned events per second.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--flood-seconds") { Description = "Flood: how long.", DefaultValueFactory = _ => 10 };
        var questions = new Option<int>("--questions") { Description = "Questions asked alone, then during the flood.", DefaultValueFactory = _ => 100 };
        var command = new Command("pos", "POS event → message on screen in Chromium, and answer latency alone and during a flood of POS events (docs/pos.md).")
        {
            events, rate, seconds, questions,
        };
        command.SetAction(async (result, cancellationToken) =>
            await PosBenchmark.RunAsync(result.GetValue(events), result.GetValue(rate), result.GetValue(seconds), result.GetValue(questions), output));
        return command;
    }

    private static void Print(TextWriter output, List<BenchResult> rows, int cores, bool noDelay)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"Mosquitto on loopback (set_tcp_nodelay {(noDelay ? "true" : "false")}), kiosk in-process (Gpio mode, fake driver), {cores} cores; milliseconds, p50 / p99 / max"));
        output.WriteLine();
        output.WriteLine("| debounce | presses | edge → desk | of which edge → saved | claim → screen (SSE) |");
        output.WriteLine("|---:|---:|---|---|---|");
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(c,
                $"| {row.DebounceMilliseconds} ms | {row.EdgeToDesk.Count} | {Triple(row.EdgeToDesk)} | {Triple(row.EdgeToSaved)} | {Triple(row.ClaimToScreen)} |"));
        }
    }

    private static string Triple(Latencies l) =>
        string.Create(CultureInfo.InvariantCulture, $"{l.Percentile(0.50):F1} / {l.Percentile(0.99):F1} / {l.Max:F1}");
}
