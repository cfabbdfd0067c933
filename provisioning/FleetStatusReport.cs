namespace KioskAssist.Provisioning;

/// <summary>
/// What <c>kafleet status</c> prints (as a table, or as JSON with these names): every kiosk of the registry, joined with
/// what the broker's retained presence and metrics say of it, plus the kiosks heard on the broker that the registry
/// does not know, in site and kiosk order.
/// </summary>
/// <param name="At">When the report was made (the operator's clock).</param>
/// <param name="Broker">The broker asked, as <c>mqtts://host:port</c>.</param>
/// <param name="Site">The site asked for, or null for the whole fleet.</param>
public sealed record FleetStatusReport(
    DateTimeOffset At, string Broker, string? Site, StatusSummary Summary, IReadOnlyList<KioskStatus> Kiosks, IReadOnlyList<MalformedMessage> Malformed)
{
    public static FleetStatusReport Build(IEnumerable<RegistryEntry> certificates, FleetObservations seen, string broker, string? site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(seen);
        var registered = certificates
            .Where(c => c.Kind == CertificateKind.Kiosk && (site is null || c.Site == site))
            .GroupBy(c => (c.Site, c.Kiosk))
            .ToDictionary(g => g.Key, g => g.All(c => c.Status == CertificateStatus.Revoked) ? RegistryState.Revoked : RegistryState.Active);
        var kiosks = registered.Keys
            .Union(seen.Kiosks().Where(k => site is null || k.Site == site))
            .Order(Comparer<(string Site, string Kiosk)>.Create((a, b) =>
                string.CompareOrdinal(a.Site, b.Site) is var bySite and not 0 ? bySite : string.CompareOrdinal(a.Kiosk, b.Kiosk)))
            .Select(k => Join(k.Site, k.Kiosk, registered.TryGetValue(k, out var state) ? state : RegistryState.NotInRegistry, seen))
            .ToList();

        var counted = kiosks.Where(k => k.Registry != RegistryState.Revoked).ToList();
        var malformed = seen.Malformed();
        var summary = new StatusSummary(
            counted.Count(k => k.State == KioskState.Online), counted.Count(k => k.State == KioskState.Offline),
            counted.Count(k => k.State == KioskState.NeverSeen), kiosks.Count - counted.Count, malformed.Count);
        return new FleetStatusReport(now, broker, site, summary, kiosks, malformed);
    }

    private static KioskStatus Join(string site, string kiosk, RegistryState registry, FleetObservations seen)
    {
        var presence = seen.PresenceOf(site, kiosk);
        var metrics = seen.MetricsOf(site, kiosk);
        var (state, since) = presence switch
        {
            null => (KioskState.NeverSeen, (DateTimeOffset?)null),
            { Status: "online" } => (KioskState.Online, presence.OnlineSince ?? presence.At),
            // A Last Will was made when the kiosk started; its last metrics report is the later sign of life.
            _ => (KioskState.Offline, metrics is not null && metrics.At > presence.At ? metrics.At : presence.At),
        };

        // Metrics are newer than presence when the kiosk's model changed since it connected; prefer them for versions.
        var useMetrics = metrics is not null && (presence is null || metrics.At >= presence.At);
        return new KioskStatus(
            site, kiosk, registry, state, since,
            useMetrics ? metrics!.Firmware : presence?.Firmware,
            useMetrics ? metrics!.Model : presence?.Model,
            useMetrics ? metrics!.Answers : presence?.Answers,
            presence, metrics);
    }
}
