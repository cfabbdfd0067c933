using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>rollout list</c> and <c>rollout status ID</c>: what the registry knows of each rollout, per kiosk. With a broker
/// it first reads the kiosks' retained reports, so a kiosk that applied a rollout after the sending command stopped
/// waiting is no longer shown as pending (and the registry keeps that).
/// </summary>
public sealed class RolloutView(FleetDirectory fleet, TimeProvider? time = null)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>How long to read retained reports after connecting: they arrive right after the subscription.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    /// <param name="broker">Null: the registry alone (no broker needed).</param>
    public async Task<int> ListAsync((string Host, int Port)? broker, bool json, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var ledger = RolloutLedger.Open(fleet);
        var refreshed = await RefreshAsync(ledger, broker, cancellationToken);
        var rollouts = ledger.All().Select(r => Summary(r, ledger.Targets(r.Id))).ToList();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(rollouts, Json));
            return 0;
        }

        if (rollouts.Count == 0)
        {
            output.WriteLine("No rollouts in the registry.");
            return 0;
        }

        output.WriteLine($"{"id",-34} {"kind",-8} {"version",-16} {"status",-10} {"target",-22} {"applied",8} {"pending",8} {"other",6}  created (UTC)");
        foreach (var r in rollouts)
        {
            output.WriteLine($"{r.Id,-34} {r.Kind,-8} {r.Version,-16} {r.Status,-10} {r.Target,-22} {r.Applied,8} {r.Pending,8} {r.Kiosks - r.Applied - r.Pending,6}  {r.CreatedAt.UtcDateTime:u}");
        }

        if (refreshed > 0)
        {
            output.WriteLine($"({refreshed} late report(s) from the broker written to the registry.)");
        }

        return 0;
    }

    public async Task<int> StatusAsync(string rolloutId, (string Host, int Port)? broker, bool json, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var ledger = RolloutLedger.Open(fleet);
        var rollout = ledger.Find(rolloutId) ?? throw new FleetException($"no rollout {rolloutId} in the registry ('kafleet rollout list' shows them).");
        await RefreshAsync(ledger, broker, cancellationToken);
        var targets = ledger.Targets(rollout.Id);
        var summary = Summary(rollout, targets);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { rollout = summary, kiosks = targets }, Json));
            return 0;
        }

        output.WriteLine($"Rollout {rollout.Id}: {summary.Kind} {rollout.Version} to {rollout.Target}, {rollout.Status}, created {rollout.CreatedAt.UtcDateTime:u}");
        output.WriteLine($"  {summary.Applied} applied, {summary.Pending} pending, {summary.Kiosks - summary.Applied - summary.Pending} refused or rolled back, of {summary.Kiosks}");
        foreach (var t in targets)
        {
            output.WriteLine($"  {$"{t.Site}/{t.Kiosk}",-20} {t.Status,-12} {t.Reason}{(t.Active is null ? string.Empty : $" (runs {t.Active})")}");
        }

        return 0;
    }

    /// <summary>Reads the retained reports and writes the late ones to the registry; returns how many changed it.</summary>
    internal async Task<int> RefreshAsync(RolloutLedger ledger, (string Host, int Port)? broker, CancellationToken cancellationToken)
    {
        if (broker is not { } b)
        {
            return 0;
        }

        var reports = new ConcurrentQueue<RolloutReportMessage>();
        await using var link = await OperatorConnection.ConnectAsync(fleet, b.Host, b.Port, cancellationToken);
        link.MessageReceived += (topic, payload) =>
        {
            // Malformed or misfiled reports are skipped: kafleet only records what kiosks said about themselves.
            if (payload.Length > 0 && ProtocolJson.TryDecode<RolloutReportMessage>(payload, out var report, out _)
                && topic == FleetTopics.RolloutReport(report.Site, report.Kiosk))
            {
                reports.Enqueue(report);
            }
        };
        await link.SubscribeAsync([FleetTopics.AllRolloutReports], cancellationToken);
        // Retained reports come right after the subscription; there is no marker for the last one, so wait.
        await Task.Delay(Settle, time ?? TimeProvider.System, cancellationToken);
        var changed = 0;
        while (reports.TryDequeue(out var report))
        {
            changed += ledger.ApplyLateReport(report) ? 1 : 0;
        }

        return changed;
    }

    internal static RolloutSummary Summary(RolloutRecord rollout, IReadOnlyList<RolloutTarget> targets) =>
        new(rollout.Id, RolloutSignature.Name(rollout.Kind), rollout.Version, rollout.Target, rollout.Status, rollout.CreatedAt,
            targets.Count, targets.Count(t => t.Status == "applied"), targets.Count(t => t.Status == "pending"));
}
