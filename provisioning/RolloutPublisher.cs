using System.Security.Cryptography;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>rollout model|answers</c>: packages the file, signs one command per target kiosk with the fleet's rollout key,
/// records the rollout in the registry, publishes the package once and the commands (all retained) as the operator,
/// then shows each kiosk's outcome until all answered or the wait ends.
/// </summary>
public sealed class RolloutPublisher(FleetDirectory fleet, TimeProvider time)
{
    /// <summary>Exit code when not every target applied the rollout (refused, rolled back, or still pending).</summary>
    public const int NotAllApplied = 3;

    public async Task<int> RunAsync(RolloutRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        var package = RolloutPackage.Build(request.Kind, request.File);
        var text = request.Json ? TextWriter.Null : output;
        if (request.SkipPreflight)
        {
            text.WriteLine("Pre-flight skipped (--skip-preflight): the kiosks' own checks are all that stand in the way.");
        }
        else
        {
            foreach (var line in RolloutPreflight.Check(package, request.CheckWith))
            {
                text.WriteLine($"Pre-flight ok: {line}");
            }
        }

        IReadOnlyList<(string Site, string Kiosk)> targets;
        using (var registry = FleetRegistry.Open(fleet))
        {
            targets = RolloutTargets.Resolve(registry.ActiveKiosks(), request.To, request.Canary);
        }

        using var key = LoadSigningKey(fleet);
        var id = Ids.New();
        var now = time.GetUtcNow();
        var commands = targets.Select(t =>
        {
            var unsigned = new RolloutMessage(id, t.Site, t.Kiosk, request.Kind, package.Version, package.Sha256, package.Bytes.LongLength, now, null);
            return unsigned with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(unsigned)) };
        }).ToList();

        using var ledger = RolloutLedger.Open(fleet);
        await using var link = await OperatorConnection.ConnectAsync(fleet, request.BrokerHost, request.BrokerPort, cancellationToken);
        var progress = new RolloutProgress(id, targets, ledger, text, time);
        await progress.ListenAsync(link, cancellationToken);
        ledger.Record(new RolloutRecord(id, request.Kind, package.Version, package.Sha256, package.Bytes.LongLength,
            request.To + (request.Canary is null ? string.Empty : $" canary {request.Canary}"), now, "published"), targets);
        await link.PublishAsync(package.Topic, package.Bytes, retain: true, cancellationToken);
        foreach (var command in commands)
        {
            await link.PublishAsync(FleetTopics.Rollout(command.Site, command.Kiosk, command.Kind), ProtocolJson.Encode(command), retain: true, cancellationToken);
        }

        var kind = RolloutSignature.Name(request.Kind);
        text.WriteLine($"Rollout {id}: {kind} {package.Version} ({package.Bytes.LongLength:N0} bytes, SHA-256 {package.Sha256})");
        text.WriteLine($"  signed and sent to {targets.Count} kiosk(s) ({request.To}{(request.Canary is null ? string.Empty : $", canary {request.Canary}")}); waiting up to {request.Wait.TotalSeconds:F0} s for their reports");
        var pending = await progress.WatchAsync(request.Wait, _ => true, cancellationToken);
        progress.Summarize();
        if (request.Json)
        {
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new { rollout = RolloutView.Summary(ledger.Find(id)!, ledger.Targets(id)), kiosks = ledger.Targets(id) }, RolloutView.Json));
        }

        return pending.Count == 0 && progress.Count("applied") == targets.Count ? 0 : NotAllApplied;
    }

    internal static ECDsa LoadSigningKey(FleetDirectory fleet)
    {
        if (!File.Exists(fleet.RolloutSigningKey))
        {
            throw new FleetException($"no rollout signing key in {fleet.Path} ({fleet.RolloutSigningKey}): run 'kafleet ca init' or restore it from the backup.");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(fleet.RolloutSigningKey));
        return key;
    }
}
