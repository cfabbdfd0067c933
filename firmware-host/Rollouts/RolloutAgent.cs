using KioskAssist.FirmwareHost.Broker;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// The kiosk's side of a rollout, on one loop: takes fleet messages from the <see cref="RolloutInbox"/>, asks the
/// <see cref="RolloutApplier"/> what to do, fetches a package through the <see cref="KioskBrokerLink"/> only for a command
/// that passed its checks, reports every outcome (retained) and announces presence again when a version changed.
/// Malformed messages are logged, counted and dropped.
/// </summary>
public sealed class RolloutAgent(
    RolloutInbox inbox, RolloutApplier applier, RolloutStartup startup, KioskBrokerLink link, MessageCounters counters,
    IOptions<KioskOptions> kiosk, IOptions<RolloutOptions> options, TimeProvider time, ILogger<RolloutAgent> logger) : BackgroundService
{
    /// <summary>How far ahead of the kiosk's clock a command's signed <c>at</c> may be (clocks of operator machines and kiosks differ a little).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (RolloutMessage Command, DateTimeOffset Deadline)> _fetching = [];
    private readonly List<RolloutReportMessage> _unsent = [];
    private readonly string _site = kiosk.Value.Site;
    private readonly string _kiosk = kiosk.Value.Id;

    private string AbortPrefix => FleetTopics.CommandsFor(_site, _kiosk).TrimEnd('#') + "abort/";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!applier.Enabled)
        {
            Log.RolloutsDisabled(logger);
        }

        foreach (var rollback in startup.Rollbacks)
        {
            _unsent.Add(Report(rollback.RolloutId, rollback.Kind, rollback.Outcome, rollback.Version, rollback.Reason));
        }

        startup.Rollbacks.Clear();
        try
        {
            while (true)
            {
                await Task.WhenAny(inbox.Reader.WaitToReadAsync(stoppingToken).AsTask(), Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                while (inbox.Reader.TryRead(out var item))
                {
                    await HandleAsync(item, stoppingToken);
                }

                await GiveUpWaitingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(RolloutInbox.Item item, CancellationToken cancellationToken)
    {
        if (item.Topic is null)
        {
            await SendUnsentAsync(cancellationToken);
        }
        else if (item.Topic == FleetTopics.Rollout(_site, _kiosk, RolloutKind.Model) || item.Topic == FleetTopics.Rollout(_site, _kiosk, RolloutKind.Answers))
        {
            // An empty retained payload is the operator clearing the command (an abort): nothing to do.
            if (item.Payload.Length > 0 && Decode<RolloutMessage>(item) is { } command)
            {
                // The topic says which kind's command it replaces; a command of the other kind there would hide one.
                if (FleetTopics.Rollout(_site, _kiosk, command.Kind) != item.Topic)
                {
                    Drop(item.Topic, DropReason.Malformed, $"a {RolloutSignature.Name(command.Kind)} command on another kind's topic");
                    return;
                }

                await OnCommandAsync(command, cancellationToken);
            }
        }
        else if (item.Topic.StartsWith(AbortPrefix, StringComparison.Ordinal))
        {
            if (item.Payload.Length > 0 && Decode<RolloutAbortMessage>(item) is { } abort)
            {
                // One topic per rollout: an abort under another rollout's name would be cleared with the wrong one.
                if (item.Topic[AbortPrefix.Length..] != abort.RolloutId)
                {
                    Drop(item.Topic, DropReason.Malformed, "an abort on another rollout's topic");
                    return;
                }

                await OnAbortAsync(abort, cancellationToken);
            }
        }
        else if (FleetTopics.PackageSha256(item.Topic) is { } sha256)
        {
            // An empty retained payload is the operator clearing a package: nothing to do.
            if (item.Payload.Length > 0)
            {
                await OnPackageAsync(item.Topic, sha256, item.Payload, cancellationToken);
            }
        }
        else
        {
            Drop(item.Topic, DropReason.UnknownTopic, "not a fleet command this kiosk knows");
        }
    }

    private async Task OnCommandAsync(RolloutMessage command, CancellationToken cancellationToken)
    {
        if (applier.Authenticate(command) is { } forged)
        {
            // Not the operator's word: report it (the retained command is still the operator topic's) but remember nothing,
            // so a genuine command with the same id is not ignored later. Counted as a drop: nothing was acted on.
            counters.CountDropped(DropReason.Refused);
            await ReportAsync(command, new RolloutDecision(RolloutOutcome.Refused, forged), cancellationToken);
            return;
        }

        counters.CountAccepted();

        if (applier.Store.WasHandled(command.Kind, command.Id) || _fetching.Values.Any(f => f.Command.Id == command.Id))
        {
            return; // a retained command redelivered on reconnect or restart
        }

        // `at` is inside the signature, so it cannot be moved forward: a command signed long ago is not acted on now.
        var age = time.GetUtcNow() - command.At;
        if (age > TimeSpan.FromHours(options.Value.MaxCommandAgeHours))
        {
            await FinishAsync(command, new RolloutDecision(RolloutOutcome.Refused,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the command was signed at {command.At.UtcDateTime:u}, more than Rollout:MaxCommandAgeHours ({options.Value.MaxCommandAgeHours}) ago")), cancellationToken);
            return;
        }

        // Nor is one dated in the future: signed by an operator whose clock was wrong (or set ahead on purpose), it would
        // otherwise stay "fresh" for longer than the age limit allows. A few minutes of clock difference are tolerated.
        if (-age > MaxClockSkew)
        {
            await FinishAsync(command, new RolloutDecision(RolloutOutcome.Refused,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the command was signed at {command.At.UtcDateTime:u}, more than {MaxClockSkew.TotalMinutes:0} minutes ahead of this kiosk's clock")), cancellationToken);
            return;
        }

        if (applier.Check(command) is { } refusal)
        {
            await FinishAsync(command, new RolloutDecision(RolloutOutcome.Refused, refusal), cancellationToken);
            return;
        }

        // One rollout of a kind at a time: a newer command replaces one still waiting for its package.
        foreach (var (sha256, waiting) in _fetching.Where(f => f.Value.Command.Kind == command.Kind).ToList())
        {
            _fetching.Remove(sha256);
            await link.StopFetchingPackageAsync(sha256, cancellationToken);
            await FinishAsync(waiting.Command, new RolloutDecision(RolloutOutcome.Refused, $"replaced by rollout {command.Id}"), cancellationToken);
        }

        Log.RolloutFetching(logger, command.Id, RolloutSignature.Name(command.Kind), command.Version, command.Sha256);
        _fetching[command.Sha256] = (command, time.GetUtcNow().AddSeconds(options.Value.PackageWaitSeconds));
        await link.FetchPackageAsync(command.Sha256, cancellationToken);
    }

    private async Task OnAbortAsync(RolloutAbortMessage abort, CancellationToken cancellationToken)
    {
        if (applier.Authenticate(abort) is { } forged)
        {
            Drop(FleetTopics.Abort(_site, _kiosk, abort.RolloutId), DropReason.Refused, forged);
            return;
        }

        counters.CountAccepted();

        if (applier.Store.WasAborted(abort.RolloutId))
        {
            return; // redelivered
        }

        foreach (var (sha256, waiting) in _fetching.Where(f => f.Value.Command.Id == abort.RolloutId).ToList())
        {
            _fetching.Remove(sha256);
            await link.StopFetchingPackageAsync(sha256, cancellationToken);
            await FinishAsync(waiting.Command, new RolloutDecision(RolloutOutcome.Refused, "aborted by the operator before it was applied"), cancellationToken);
        }

        var kindBefore = applier.Store.Slots(RolloutKind.Model).Current == abort.RolloutId ? RolloutKind.Model : RolloutKind.Answers;
        if (applier.Abort(abort.RolloutId) is { } undone)
        {
            Log.RolloutOutcome(logger, abort.RolloutId, RolloutSignature.Name(kindBefore), string.Empty, undone.Outcome.ToString(), undone.Reason);
            await PublishAsync(Report(abort.RolloutId, kindBefore, undone.Outcome, string.Empty, undone.Reason), cancellationToken);
            await link.AnnounceAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A package arrived. The kiosk subscribes to a package only while a command waits for it, but one can still come
    /// unasked (in flight when the subscription ended, or redelivered): that one is counted and dropped. A package that
    /// is not what its topic names (the SHA-256) is dropped too and ends the rollout as refused, so the operator hears
    /// why at once rather than after the wait.
    /// </summary>
    private async Task OnPackageAsync(string topic, string sha256, byte[] package, CancellationToken cancellationToken)
    {
        if (!_fetching.Remove(sha256, out var fetching))
        {
            Drop(topic, DropReason.UnknownRequest, "a package no rollout on this kiosk is waiting for");
            return;
        }

        await link.StopFetchingPackageAsync(sha256, cancellationToken);
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(package)) != sha256)
        {
            const string problem = "the package's SHA-256 does not match the command";
            Drop(topic, DropReason.Refused, problem);
            await FinishAsync(fetching.Command, new RolloutDecision(RolloutOutcome.Refused, problem), cancellationToken);
            return;
        }

        counters.CountAccepted();
        await FinishAsync(fetching.Command, applier.Apply(fetching.Command, package), cancellationToken);
    }

    /// <summary>A final outcome for an authenticated command: remembered (so a redelivery is ignored), logged, reported.</summary>
    private async Task FinishAsync(RolloutMessage command, RolloutDecision decision, CancellationToken cancellationToken)
    {
        applier.Store.MarkHandled(command.Kind, command.Id);
        await ReportAsync(command, decision, cancellationToken);
        if (decision.Outcome == RolloutOutcome.Applied)
        {
            await link.AnnounceAsync(cancellationToken);
        }
    }

    private Task ReportAsync(RolloutMessage command, RolloutDecision decision, CancellationToken cancellationToken)
    {
        Log.RolloutOutcome(logger, command.Id, RolloutSignature.Name(command.Kind), command.Version, decision.Outcome.ToString(), decision.Reason);
        return PublishAsync(Report(command.Id, command.Kind, decision.Outcome, command.Version, decision.Reason), cancellationToken);
    }

    private async Task GiveUpWaitingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (sha256, waiting) in _fetching.Where(f => f.Value.Deadline <= now).ToList())
        {
            _fetching.Remove(sha256);
            await link.StopFetchingPackageAsync(sha256, cancellationToken);
            await FinishAsync(waiting.Command, new RolloutDecision(
                RolloutOutcome.Refused, $"the package did not arrive within {options.Value.PackageWaitSeconds} s"), cancellationToken);
        }
    }

    private async Task PublishAsync(RolloutReportMessage report, CancellationToken cancellationToken)
    {
        _unsent.Add(report);
        await SendUnsentAsync(cancellationToken);
    }

    /// <summary>Reports go out in order; one the broker did not take waits for the next connect.</summary>
    private async Task SendUnsentAsync(CancellationToken cancellationToken)
    {
        while (_unsent.Count > 0 && await link.PublishRolloutReportAsync(_unsent[0], cancellationToken))
        {
            _unsent.RemoveAt(0);
        }
    }

    private RolloutReportMessage Report(string rolloutId, RolloutKind kind, RolloutOutcome outcome, string version, string? reason) =>
        new(rolloutId, _site, _kiosk, kind, outcome, version, applier.ActiveVersion(kind), reason, time.GetUtcNow());

    private T? Decode<T>(RolloutInbox.Item item) where T : class, IProtocolMessage
    {
        // Counted as accepted only once authenticated (OnCommandAsync, OnAbortAsync): a forged command is a drop.
        if (ProtocolJson.TryDecode<T>(new System.Buffers.ReadOnlySequence<byte>(item.Payload), out var message, out var problem, out var failure))
        {
            return message;
        }

        Drop(item.Topic!, MessageCounters.ReasonFor(failure), problem);
        return null;
    }

    private void Drop(string topic, DropReason reason, string problem)
    {
        counters.CountDropped(reason);
        Log.MessageDropped(logger, topic, problem);
    }
}
