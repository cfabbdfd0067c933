using System.Buffers;
using System.Threading.Channels;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// Shows a rollout's progress per kiosk from the reports: one line per kiosk as it answers, then a summary with the
/// kiosks still pending. Each report is written to the registry. Reports reach it through <see cref="Observe"/> (the
/// connection's receive loop) and a channel; the wait is on the given <see cref="TimeProvider"/>, not a polling loop.
/// </summary>
public sealed class RolloutProgress(string rolloutId, IEnumerable<(string Site, string Kiosk)> waitingFor, RolloutLedger ledger, TextWriter output, TimeProvider time)
{
    private readonly HashSet<(string Site, string Kiosk)> _waiting = [.. waitingFor];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Channel<RolloutReportMessage> _reports = Channel.CreateUnbounded<RolloutReportMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Subscribes to the kiosks' rollout reports on <paramref name="connection"/>; call before publishing so none is missed.</summary>
    public async Task ListenAsync(OperatorConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.MessageReceived += Observe;
        await connection.SubscribeAsync([FleetTopics.AllRolloutReports], cancellationToken);
    }

    /// <summary>A message on a report topic; malformed ones are skipped (kafleet only shows what kiosks said).</summary>
    public void Observe(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > 0 && ProtocolJson.TryDecode<RolloutReportMessage>(payload, out var report, out _)
            && topic == FleetTopics.RolloutReport(report.Site, report.Kiosk))
        {
            _reports.Writer.TryWrite(report);
        }
    }

    /// <summary>Reads reports until every awaited kiosk answered (and <paramref name="done"/> agrees) or <paramref name="wait"/> passed.</summary>
    /// <param name="done">Whether a report ends the wait for its kiosk (e.g. for an abort, only a rollback does).</param>
    public async Task<IReadOnlyCollection<(string Site, string Kiosk)>> WatchAsync(TimeSpan wait, Func<RolloutReportMessage, bool> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(wait, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (_waiting.Count > 0)
            {
                var report = await _reports.Reader.ReadAsync(stop.Token);
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
                await output.WriteLineAsync($"  {$"{report.Site}/{report.Kiosk}",-20} {status,-12} {report.Reason} (runs {RolloutKindName(report.Kind)} {report.Active}, {time.GetElapsedTime(started).TotalSeconds:F1} s)");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The wait is over; the rollout goes on and the summary names the kiosks still pending.
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
