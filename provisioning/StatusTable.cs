using System.Globalization;

namespace KioskAssist.Provisioning;

/// <summary>
/// <c>status</c> for a terminal: one line per kiosk in aligned columns, then the summary and any malformed messages.
/// Counts are the kiosk's for the current UTC day ("-" when its last report is from another day).
/// </summary>
public static class StatusTable
{
    private static readonly string[] Header =
        ["SITE", "KIOSK", "STATE", "SINCE", "SINCE (UTC)", "FIRMWARE", "MODEL", "ANSWERS", "ANSWERED", "HANDED", "MEDIAN CLAIM"];

    public static void Write(FleetStatusReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var today = DateOnly.FromDateTime(report.At.UtcDateTime);
        output.WriteLine($"Fleet status from {report.Broker}{(report.Site is null ? "" : $", site {report.Site}")} at {Utc(report.At)} UTC; counts are for {today:yyyy-MM-dd} (UTC).");
        output.WriteLine();

        var rows = report.Kiosks.Select(k => Row(k, report.At, today)).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            // Numbers right-aligned, text left-aligned; no trailing spaces.
            var cells = row.Select((cell, i) => i >= 8 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        if (report.Kiosks.Count == 0)
        {
            output.WriteLine("(no kiosks: provision some with 'kafleet provision')");
        }

        var s = report.Summary;
        output.WriteLine();
        output.WriteLine($"{s.Online} online, {s.Offline} offline, {s.NeverSeen} never seen{(s.Revoked > 0 ? $"; {s.Revoked} revoked (not counted)" : "")}.");
        if (report.Malformed.Count > 0)
        {
            output.WriteLine($"{report.Malformed.Count} malformed retained message{(report.Malformed.Count == 1 ? "" : "s")} ignored:");
            foreach (var bad in report.Malformed)
            {
                output.WriteLine($"  {bad.Topic}: {bad.Problem}");
            }
        }
    }

    /// <summary>"42s ago", "5m ago", "3h05m ago", "2d04h ago". A clock ahead of ours reads as "0s ago".</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var span = now - then;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalMinutes < 1 ? $"{(int)span.TotalSeconds}s ago"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes}m ago"
            : span.TotalDays < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m ago")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d{span.Hours:00}h ago");
    }

    private static string[] Row(KioskStatus kiosk, DateTimeOffset now, DateOnly today)
    {
        var state = kiosk.State switch
        {
            KioskState.Online => "online",
            KioskState.Offline => "offline",
            _ => "never seen",
        };
        state += kiosk.Registry switch
        {
            RegistryState.Revoked => " (revoked)",
            RegistryState.NotInRegistry => " (not in registry)",
            _ => "",
        };
        var metrics = kiosk.Metrics is { } m && m.Day == today ? m : null;
        return
        [
            kiosk.Site,
            kiosk.Kiosk,
            state,
            kiosk.Since is { } since ? Ago(since, now) : "-",
            kiosk.Since is { } at ? Utc(at) : "-",
            kiosk.Firmware ?? "-",
            kiosk.Model ?? "-",
            kiosk.Answers ?? "-",
            metrics?.Today.Answered.ToString(CultureInfo.InvariantCulture) ?? "-",
            metrics?.Today.HandedToPerson.ToString(CultureInfo.InvariantCulture) ?? "-",
            metrics?.MedianSecondsToClaimToday is { } median ? string.Create(CultureInfo.InvariantCulture, $"{median:F1} s") : "-",
        ];
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
