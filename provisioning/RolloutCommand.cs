using System.CommandLine;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>rollout model|answers --file F --to all|SITE|SITE/KIOSK [--canary N%]</c>, <c>rollout list</c>, <c>rollout status ID</c>,
/// <c>rollout promote ID</c> and <c>rollout abort [ID]</c>; each with <c>--json</c>.
/// </summary>
public static class RolloutCommand
{
    public static Command Create(TextWriter output, TextWriter error) =>
        new("rollout", "Signed model and answer rollouts over MQTT, with progress per kiosk; abort one.")
        {
            CreateSend(RolloutKind.Model, "model", $"A model directory ({string.Join(", ", ModelFiles.Every)}).", output, error),
            CreateSend(RolloutKind.Answers, "answers", $"An {RolloutFiles.Answers}.", output, error),
            CreateAbort(output, error),
            CreateList(output, error),
            CreateStatus(output, error),
            CreatePromote(output, error),
        };

    private static Command CreateSend(RolloutKind kind, string name, string fileHelp, TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var file = new Option<string>("--file") { Description = fileHelp, Required = true };
        var to = new Option<string>("--to") { Description = "all, a SITE, or SITE/KIOSK (active kiosks in the registry).", Required = true };
        var canary = new Option<string?>("--canary") { Description = "Only N% of those kiosks (at least one), e.g. 10%; the same fleet always gives the same ones." };
        var (host, port, wait) = BrokerOptions();
        var checkWith = new Option<string?>("--check-with")
        {
            Description = kind == RolloutKind.Model
                ? "The answers.json the model must be covered by in the pre-flight (default: the firmware's shipped answers)."
                : "The model directory the answers must cover in the pre-flight (default: the firmware's shipped model).",
        };
        var skip = new Option<bool>("--skip-preflight") { Description = "Send without the local checks (only to test a kiosk's own defences)." };
        var json = JsonOption();
        var command = new Command(name, $"Roll out {(kind == RolloutKind.Model ? "a model" : "answers")}: check it as a kiosk would, sign, publish, and show each kiosk's outcome.")
        {
            dir, file, to, canary, host, port, wait, checkWith, skip, json,
        };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var broker = Broker(result, dir, host, port);
            return new RolloutPublisher(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).RunAsync(
                new RolloutRequest(kind, result.GetValue(file)!, result.GetValue(to)!, result.GetValue(canary), broker.Host,
                    broker.Port, Wait(result.GetValue(wait)), result.GetValue(checkWith), result.GetValue(skip), result.GetValue(json)), output, cancellationToken);
        }));
        return command;
    }

    private static Command CreateAbort(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var positional = new Argument<string?>("ID") { Description = "The rollout to abort (default: the latest, named before anything is sent).", Arity = ArgumentArity.ZeroOrOne };
        var id = new Option<string?>("--id") { Description = "The same as ID." };
        var (host, port, wait) = BrokerOptions();
        var json = JsonOption();
        var command = new Command("abort", "Abort a rollout: kiosks that have not applied it never will; those that have roll back.") { positional, dir, id, host, port, wait, json };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var broker = Broker(result, dir, host, port);
            return new RolloutAborter(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).RunAsync(
                result.GetValue(positional) ?? result.GetValue(id), broker.Host, broker.Port, Wait(result.GetValue(wait)), output,
                result.GetValue(json), cancellationToken);
        }));
        return command;
    }

    private static Command CreateList(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var (host, port, _) = BrokerOptions();
        var refresh = RefreshOption();
        var json = JsonOption();
        var command = new Command("list", "The rollouts in the registry, newest first, with how many kiosks applied each.") { dir, host, port, refresh, json };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
            new RolloutView(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).ListAsync(
                Refresh(result, dir, host, port, refresh), result.GetValue(json), output, cancellationToken)));
        return command;
    }

    private static Command CreateStatus(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Argument<string>("ID") { Description = "The rollout ('kafleet rollout list' shows the ids)." };
        var (host, port, _) = BrokerOptions();
        var refresh = RefreshOption();
        var json = JsonOption();
        var command = new Command("status", "One rollout, kiosk by kiosk: applied, pending, refused or rolled back, and why.") { id, dir, host, port, refresh, json };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
            new RolloutView(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).StatusAsync(
                result.GetValue(id)!, Refresh(result, dir, host, port, refresh), result.GetValue(json), output, cancellationToken)));
        return command;
    }

    private static Command CreatePromote(TextWriter output, TextWriter error)
    {
        var dir = FleetCli.DirOption();
        var id = new Argument<string>("ID") { Description = "The canary rollout to widen to every kiosk its --to named." };
        var (host, port, wait) = BrokerOptions();
        var json = JsonOption();
        var command = new Command("promote", "Widen a canary rollout to all its kiosks: same id, same version; the canaries keep what they have.") { id, dir, host, port, wait, json };
        command.SetAction((result, cancellationToken) => FleetCli.RunAsync(error, () =>
        {
            var broker = Broker(result, dir, host, port);
            return new RolloutPromoter(new FleetDirectory(result.GetValue(dir)!), TimeProvider.System).RunAsync(
                result.GetValue(id)!, broker.Host, broker.Port, Wait(result.GetValue(wait)), result.GetValue(json), output, cancellationToken);
        }));
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document instead of text." };

    private static Option<bool> RefreshOption() =>
        new("--no-refresh") { Description = "Show the registry alone, without reading the kiosks' retained reports from the broker first." };

    /// <summary>The broker to read late reports from, or none with <c>--no-refresh</c>.</summary>
    private static (string Host, int Port)? Refresh(ParseResult result, Option<string> dir, Option<string?> host, Option<int?> port, Option<bool> noRefresh) =>
        result.GetValue(noRefresh) ? null : Broker(result, dir, host, port);

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
