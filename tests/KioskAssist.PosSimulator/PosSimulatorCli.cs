using System.CommandLine;
using System.Diagnostics;
using KioskAssist.Protocol.Broker;

namespace KioskAssist.PosSimulator;

/// <summary>
/// <c>kioskassist-possim SCRIPT [--http URL | --broker-host H …] [--site S] [--lane L] [--step-ms N]</c>: replays one
/// scripted transaction (or a flood) as CloudEvents, printing each event and what the kiosk answered.
/// </summary>
public static class PosSimulatorCli
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var script = new Argument<string>("script") { Description = $"One of: {string.Join(", ", PosScripts.Names)}." };
        script.AcceptOnlyFromAmong(PosScripts.Names);
        var http = new Option<string>("--http") { Description = "The kiosk's page address; events go to {address}/pos/events. The default when no broker is named.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var host = new Option<string?>("--broker-host") { Description = "Publish on ka/v1/pos/{site}/{lane}/events through this broker instead of HTTP." };
        var port = new Option<int>("--broker-port") { Description = "Port of --broker-host.", DefaultValueFactory = _ => 1883 };
        var username = new Option<string?>("--username") { Description = "The lane's POS identity (kafleet broker-config). The password comes from KA_POS_PASSWORD." };
        var site = new Option<string>("--site") { Description = "The kiosk's site (Kiosk:Site).", DefaultValueFactory = _ => "demo-store" };
        var lane = new Option<string>("--lane") { Description = "The lane: the kiosk's id (Kiosk:Id).", DefaultValueFactory = _ => "kiosk-1" };
        var step = new Option<int>("--step-ms") { Description = "Pause between a script's events, so a watcher sees each.", DefaultValueFactory = _ => 800 };
        var rate = new Option<int>("--rate") { Description = "flood: events per second.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--seconds") { Description = "flood: how long.", DefaultValueFactory = _ => 10 };
        var command = new RootCommand("KioskAssist POS simulator: replays scripted checkout transactions as CloudEvents 1.0 against a kiosk (docs/pos.md).")
        {
            script, http, host, port, username, site, lane, step, rate, seconds,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var sender = result.GetValue(host) is { } brokerHost
                ? await MqttPosSender.ConnectAsync(new BrokerSettings
                {
                    Host = brokerHost,
                    Port = result.GetValue(port),
                    Username = result.GetValue(username) ?? string.Empty,
                    Password = Environment.GetEnvironmentVariable("KA_POS_PASSWORD") ?? string.Empty,
                }, result.GetValue(site)!, result.GetValue(lane)!, cancellationToken)
                : (IPosSender)new HttpPosSender(new Uri(result.GetValue(http)!, UriKind.Absolute));
            var name = result.GetValue(script)!;
            return name == "flood"
                ? await FloodAsync(sender, result.GetValue(site)!, result.GetValue(lane)!, result.GetValue(rate), result.GetValue(seconds), output, cancellationToken)
                : await ReplayAsync(sender, name, result.GetValue(site)!, result.GetValue(lane)!, result.GetValue(step), output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> ReplayAsync(IPosSender sender, string name, string site, string lane, int stepMs, TextWriter output, CancellationToken cancellationToken)
    {
        var transaction = $"t{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var steps = PosScripts.For(name);
        for (var i = 0; i < steps.Count; i++)
        {
            var answer = await sender.SendAsync(PosEvents.Encode(PosEvents.Create(site, lane, steps[i].Type, steps[i].Data, transaction)), cancellationToken);
            await output.WriteLineAsync($"{steps[i].Type,-26} {answer}");
            if (i < steps.Count - 1)
            {
                await Task.Delay(stepMs, cancellationToken);
            }
        }

        return 0;
    }

    /// <summary>item.scanned at <paramref name="rate"/> a second for <paramref name="seconds"/>; prints how the kiosk answered.</summary>
    private static async Task<int> FloodAsync(IPosSender sender, string site, string lane, int rate, int seconds, TextWriter output, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var total = rate * seconds;
        for (var i = 0; i < total; i++)
        {
            // Paced, not bursty: event i leaves at i/rate seconds (or as soon as the previous one is answered).
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            var answer = await sender.SendAsync(PosEvents.Encode(PosEvents.Create(site, lane, "item.scanned", new { quantity = 1, itemCount = 1 + (i % 50), total = 10_000L * (1 + (i % 50)), currency = "IDR" }, "flood")), cancellationToken);
            answers[answer] = answers.GetValueOrDefault(answer) + 1;
        }

        await output.WriteLineAsync($"flood: {total} events in {clock.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{a.Key} × {a.Value}"))}");
        return 0;
    }
}
