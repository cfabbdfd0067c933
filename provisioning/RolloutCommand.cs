using System.CommandLine;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary><c>rollout model|answers --file F --to all|SITE|SITE/KIOSK [--canary N%]</c> and <c>rollout abort [--id ROLLOUT]</c>.</summary>
public static class RolloutCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("rollout", "Signed model and answer rollouts over MQTT, with progress per kiosk; abort one.")
        {
            CreateSend(RolloutKind.Model, "model", "A model directory (model.onnx, labels.txt, vocab.txt, golden.json, manifest.json).", output, error),
            CreateSend(RolloutKind.Answers, "answers", "An answers.json.", output, error),
            CreateAbort(output, error),
        };

    private static Command CreateSend(RolloutKind kind, string name, string fileHelp, TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var file = new Option<string>("--file") { Description = fileHelp, Required = true };
        var to = new Option<string>("--to") { Description = "all, a SITE, or SITE/KIOSK (active kiosks in the registry).", Required = true };
        var canary = new Option<string?>("--canary") { Description = "Only N% of those kiosks (at least one), e.g. 10%; the same fleet always gives the same ones." };
        var (host, port, wait) = BrokerOptions();
        var command = new Command(name, $"Roll out {(kind == RolloutKind.Model ? "a model" : "answers")}: sign, publish, and show each kiosk's outcome.")
        {
            dir, file, to, canary, host, port, wait,
        };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
            new RolloutPublisher(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).RunAsync(
                new RolloutRequest(kind, result.GetValue(file)!, result.GetValue(to)!, result.GetValue(canary), Broker(result, dir, host, port).Host,
                    Broker(result, dir, host, port).Port, Wait(result.GetValue(wait))), output, cancellationToken)));
        return command;
    }

    private static Command CreateAbort(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Option<string?>("--id") { Description = "The rollout to abort (default: the latest)." };
        var (host, port, wait) = BrokerOptions();
        var command = new Command("abort", "Abort a rollout: kiosks that have not applied it never will; those that have roll back.") { dir, id, host, port, wait };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
            new RolloutAborter(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).RunAsync(
                result.GetValue(id), Broker(result, dir, host, port).Host, Broker(result, dir, host, port).Port, Wait(result.GetValue(wait)), output, cancellationToken)));
        return command;
    }

    /// <summary>The options' broker, else the one broker-config remembered in the fleet directory, else localhost:8883.</summary>
    private static (string Host, int Port) Broker(ParseResult result, Option<string> dir, Option<string?> host, Option<int?> port) =>
        RememberedBroker.Resolve(new FleetDirectory(result.GetValue(dir)!), result.GetValue(host), result.GetValue(port));

    private static (Option<string?> Host, Option<int?> Port, Option<int> Wait) BrokerOptions() =>
        (CertsCommand.BrokerOptions().Host,
         CertsCommand.BrokerOptions().Port,
         new Option<int>("--wait-seconds") { Description = "How long to show progress before returning (the rollout goes on).", DefaultValueFactory = _ => 120 });

    private static TimeSpan Wait(int seconds) =>
        seconds is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds) : throw new FleetException($"--wait-seconds {seconds} must be 0–86400.");
}
