using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>rollout promote ID</c>: widens a canary rollout to every kiosk its <c>--to</c> named. The new kiosks get signed
/// commands under the same rollout id, version and package (still retained on the broker), so the canaries — which
/// already handled that id — do nothing and report nothing new, and one <c>abort ID</c> later covers them all.
/// </summary>
public sealed class RolloutPromoter(FleetDirectory fleet, TimeProvider time)
{
    private const string CanaryMark = " canary ";

    public async Task<int> RunAsync(string rolloutId, string brokerHost, int brokerPort, TimeSpan wait, bool json, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        using var ledger = RolloutLedger.Open(fleet);
        var rollout = ledger.Find(rolloutId) ?? throw new FleetException($"no rollout {rolloutId} in the registry ('kafleet rollout list' shows them).");
        if (rollout.Status == "aborted")
        {
            throw new FleetException($"rollout {rollout.Id} was aborted; send the version again with 'kafleet rollout {RolloutSignature.Name(rollout.Kind)}'.");
        }

        var to = rollout.Target.Split(CanaryMark)[0];
        var already = ledger.Targets(rollout.Id).Select(t => (t.Site, t.Kiosk)).ToHashSet();
        IReadOnlyList<(string Site, string Kiosk)> widened;
        using (var registry = FleetRegistry.Open(fleet))
        {
            widened = [.. RolloutTargets.Resolve(registry.ActiveKiosks(), to, canary: null).Where(k => !already.Contains(k))];
        }

        using var key = RolloutPublisher.LoadSigningKey(fleet);
        var now = time.GetUtcNow();
        var text = json ? TextWriter.Null : output;
        await using var link = await OperatorConnection.ConnectAsync(fleet, brokerHost, brokerPort, cancellationToken);
        var progress = new RolloutProgress(rollout.Id, widened, ledger, text, time);
        await progress.ListenAsync(link, cancellationToken);
        ledger.AddTargets(rollout.Id, to, widened, now);
        foreach (var (site, kiosk) in widened)
        {
            var unsigned = new RolloutMessage(rollout.Id, site, kiosk, rollout.Kind, rollout.Version, rollout.Sha256, rollout.Size, now, null);
            var command = unsigned with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(unsigned)) };
            await link.PublishAsync(FleetTopics.Rollout(site, kiosk, rollout.Kind), ProtocolJson.Encode(command), retain: true, cancellationToken);
        }

        text.WriteLine($"Promoted rollout {rollout.Id} ({RolloutSignature.Name(rollout.Kind)} {rollout.Version}) from {rollout.Target} to {to}: "
            + $"signed and sent to {widened.Count} more kiosk(s); the {already.Count} canary kiosk(s) keep what they have.");
        text.WriteLine($"  waiting up to {wait.TotalSeconds:F0} s for their reports");
        var pending = await progress.WatchAsync(wait, _ => true, cancellationToken);
        progress.Summarize();
        var code = pending.Count == 0 && progress.Count("applied") == widened.Count ? 0 : RolloutPublisher.NotAllApplied;
        if (json)
        {
            var refreshed = ledger.Find(rollout.Id)!;
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new { promoted = widened.Count, rollout = RolloutView.Summary(refreshed, ledger.Targets(rollout.Id)), kiosks = ledger.Targets(rollout.Id) },
                RolloutView.Json));
        }

        return code;
    }
}
