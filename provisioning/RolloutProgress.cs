using System.Diagnostics;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// Shows a rollout's progress per kiosk from the reports: one line per kiosk as it answers, then a summary with the
/// kiosks still pending. Each report is written to the registry.
/// </summary>
public sealed class RolloutProgress(string rolloutId, IEnumerable<(string Site, string Kiosk)> waitingFor, RolloutLedger ledger, TextWriter output)
{
    private readonly HashSet<(string Site, string Kiosk)> _waiting = [.. waitingFor];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Reads reports until every awaited kiosk answered (and <paramref name="done"/> agrees) or <paramref name="wait"/> passed.</summary>
    /// <param name="done">Whether a report ends the wait for its kiosk (e.g. for an abort, only a rollback does).</param>
    public async Task<IReadOnlyCollection<(string Site, string Kiosk)>> WatchAsync(OperatorLink link, TimeSpan wait, Func<RolloutReportMessage, bool> done)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(done);
        var started = Stopwatch.GetTimestamp();
        while (_waiting.Count > 0 && Stopwatch.GetElapsedTime(started) < wait)
        {
            while (link.Reports.TryDequeue(out var report))
            {
                var kiosk = (report.Site, report.Kiosk);
                if (report.RolloutId != rolloutId || !_waiting.Contains(kiosk) || !done(report))
                {
                    // Another rollout's report (retained, or from a kiosk that came back): the registry learns it anyway.
                    ledger.ApplyLateReport(report);
                    continue;
                }

                _waiting.Remove(kiosk);
                ledger.Update(rolloutId, report);
                var status = RolloutLedger.Status(report.Outcome);
                _counts[status] = _counts.GetValueOrDefault(status) + 1;
                output.WriteLine($"  {$"{report.Site}/{report.Kiosk}",-20} {status,-12} {report.Reason} (runs {RolloutKindName(report.Kind)} {report.Active}, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
            }

            await Task.Delay(50);
        }

        return _waiting;
    }

    public void Summarize()
    {
        var pending = _waiting.OrderBy(k => k.Site, StringComparer.Ordinal).ThenBy(k => k.Kiosk, StringComparer.Ordinal).Select(k => $"{k.Site}/{k.Kiosk}").ToList();
        output.WriteLine(
            $"{_counts.GetValueOrDefault("applied")} applied, {_counts.GetValueOrDefault("refused")} refused, {_counts.GetValueOrDefault("rolled_back")} rolled back, {pending.Count} pending"
            + (pending.Count > 0 ? $": {string.Join(", ", pending)} (offline kiosks apply the retained command when they connect)" : "."));
    }

    public int Count(string status) => _counts.GetValueOrDefault(status);

    private static string RolloutKindName(RolloutKind kind) => kind == RolloutKind.Model ? "model" : "answers";
}
