namespace KioskAssist.Provisioning;

/// <summary>
/// <c>status --fail-on offline,never-seen,revoked-online,malformed,expiring,backlog,dropped</c>: the conditions that make
/// <c>kafleet status</c> exit <see cref="ExitCode"/> so cron or a monitoring check can act on the fleet's state. Each
/// condition that holds is named on a line of its own, with the kiosks it holds for.
/// </summary>
public static class StatusFailOn
{
    /// <summary>Exit code when a <c>--fail-on</c> condition holds (0: none did; 2: status could not run).</summary>
    public const int ExitCode = 4;

    /// <summary>Kiosk certificates that end within this are <c>expiring</c>.</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(30);

    public static readonly IReadOnlyList<string> Known = ["offline", "never-seen", "revoked-online", "malformed", "expiring", "backlog", "dropped"];

    /// <exception cref="FleetException">A name that is not a condition.</exception>
    public static IReadOnlySet<string> Parse(string? list)
    {
        var names = (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(name => !Known.Contains(name)) is { } unknown)
        {
            throw new FleetException($"--fail-on '{unknown}' is not a condition (known: {string.Join(", ", Known)}).");
        }

        return names;
    }

    /// <summary>One line per condition asked for that holds; empty when the fleet is as wanted.</summary>
    /// <param name="fleetWide">
    /// What <c>certs list</c> shows (<see cref="CertificateExpiries"/>); its CA, CRL, operator and broker rows that are
    /// not ok also make <c>expiring</c> hold, whatever <c>--site</c> says: every kiosk depends on them.
    /// </param>
    public static IReadOnlyList<string> Failures(IReadOnlySet<string> conditions, FleetStatusReport report, IEnumerable<RegistryEntry> certificates,
        IEnumerable<CertificateExpiry>? fleetWide = null)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(certificates);
        var active = report.Kiosks.Where(k => k.Registry != RegistryState.Revoked).ToList();
        var failures = new List<string>();
        void Add(string condition, IEnumerable<string> kiosks)
        {
            var list = kiosks.ToList();
            if (conditions.Contains(condition) && list.Count > 0)
            {
                failures.Add($"{condition}: {list.Count} ({string.Join(", ", list.Take(20))}{(list.Count > 20 ? ", …" : string.Empty)})");
            }
        }

        Add("offline", active.Where(k => k.State == KioskState.Offline).Select(Name));
        Add("never-seen", active.Where(k => k.State == KioskState.NeverSeen).Select(Name));
        Add("revoked-online", report.Kiosks.Where(k => k.Registry == RegistryState.Revoked && k.State == KioskState.Online).Select(Name));
        Add("malformed", report.Malformed.Select(m => m.Topic));
        // From the kiosks' latest metrics (kiosks before the health field never trip these).
        Add("backlog", active.Where(k => k.Metrics?.Health is { OutboxBacklog: > 0 }).Select(k => $"{Name(k)} {k.Metrics!.Health!.OutboxBacklog} waiting"));
        Add("dropped", active.Where(k => k.Metrics?.Health is { Dropped: > 0 }).Select(k => $"{Name(k)} {k.Metrics!.Health!.Dropped} dropped"));
        var horizon = report.At + ExpiringWithin;
        Add("expiring", certificates
            .Where(c => c.Kind == CertificateKind.Kiosk && c.Status == CertificateStatus.Active && c.NotAfter <= horizon && (report.Site is null || c.Site == report.Site))
            .Select(c => $"{c.Site}/{c.Kiosk} {c.NotAfter.UtcDateTime:yyyy-MM-dd}")
            .Concat((fleetWide ?? []).Where(e => e.Kind != "kiosk" && e.Level != "ok").Select(e => $"{e.Kind} {e.Name} {e.NotAfter.UtcDateTime:yyyy-MM-dd}")));
        return failures;
    }

    private static string Name(KioskStatus kiosk) => $"{kiosk.Site}/{kiosk.Kiosk}";
}
