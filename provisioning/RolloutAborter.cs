using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>rollout abort [--id ROLLOUT]</c>: clears the rollout's retained command where it is still the kiosk's latest (so a
/// kiosk that has not applied it never will), sends each target a signed abort (retained, so an offline kiosk gets it
/// when it connects), and shows the kiosks that had applied it rolling back to their previous version.
/// </summary>
public sealed class RolloutAborter(FleetDirectory fleet, TimeProvider time)
{
    public async Task<int> RunAsync(string? rolloutId, string brokerHost, int brokerPort, TimeSpan wait, TextWriter output, bool json = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        fleet.RequireCa();
        using var ledger = RolloutLedger.Open(fleet);
        var rollout = ledger.Find(rolloutId)
            ?? throw new FleetException(rolloutId is null ? "no rollout is recorded in the registry." : $"no rollout {rolloutId} in the registry.");
        var text = json ? TextWriter.Null : output;
        if (rolloutId is null)
        {
            // Said before anything is sent, so an operator who meant another rollout knows which one this was.
            text.WriteLine($"No rollout id given: aborting the latest, {rollout.Id} ({RolloutSignature.Name(rollout.Kind)} {rollout.Version} to {rollout.Target}, created {rollout.CreatedAt.UtcDateTime:u}).");
        }

        var targets = ledger.Targets(rollout.Id);
        using var key = RolloutPublisher.LoadSigningKey(fleet);
        var now = time.GetUtcNow();
        await using var link = await OperatorConnection.ConnectAsync(fleet, brokerHost, brokerPort, cancellationToken);
        var applied = targets.Where(t => t.Status == "applied").Select(t => (t.Site, t.Kiosk)).ToList();
        var progress = new RolloutProgress(rollout.Id, applied, ledger, text, time);
        await progress.ListenAsync(link, cancellationToken);
        var cleared = 0;
        foreach (var target in targets)
        {
            if (ledger.LatestFor(target.Site, target.Kiosk, rollout.Kind) == rollout.Id)
            {
                await link.PublishAsync(FleetTopics.Rollout(target.Site, target.Kiosk, rollout.Kind), [], retain: true, cancellationToken);
                cleared++;
            }

            var unsigned = new RolloutAbortMessage(rollout.Id, target.Site, target.Kiosk, now, null);
            var abort = unsigned with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(unsigned)) };
            await link.PublishAsync(FleetTopics.Abort(target.Site, target.Kiosk, rollout.Id), ProtocolJson.Encode(abort), retain: true, cancellationToken);
        }

        ledger.MarkAborted(rollout.Id);
        text.WriteLine($"Aborted rollout {rollout.Id} ({RolloutSignature.Name(rollout.Kind)} {rollout.Version}): {cleared} pending command(s) cleared, signed abort sent to {targets.Count} kiosk(s).");
        text.WriteLine($"  {applied.Count} kiosk(s) had applied it and roll back to their previous version; waiting up to {wait.TotalSeconds:F0} s");
        var pending = await progress.WatchAsync(wait, report => report.Outcome == RolloutOutcome.RolledBack, cancellationToken);
        progress.Summarize();
        if (json)
        {
            output.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new { aborted = RolloutView.Summary(ledger.Find(rollout.Id)!, ledger.Targets(rollout.Id)), cleared, kiosks = ledger.Targets(rollout.Id) }, RolloutView.Json));
        }

        return pending.Count == 0 ? 0 : RolloutPublisher.NotAllApplied;
    }
}
