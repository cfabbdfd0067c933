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
