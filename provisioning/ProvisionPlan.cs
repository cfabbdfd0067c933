namespace KioskAssist.Provisioning;

/// <summary>
/// What <c>provision</c> will do with each requested kiosk, decided from the registry before anything is issued, so
/// re-running the same CSV changes nothing for kiosks already provisioned: a kiosk with an active certificate keeps its
/// key (only its settings file is brought up to date) unless <c>--rotate</c> asks for a new one, and a revoked kiosk
/// is never issued again — that would silently let back a device the operator shut out.
/// </summary>
public sealed record ProvisionPlan(IReadOnlyList<DeviceRequest> Issue, IReadOnlyList<DeviceRequest> Keep, IReadOnlyList<DeviceRequest> Revoked)
{
    /// <summary>The kiosks to issue (new ones, and with <paramref name="rotate"/> the provisioned ones), to keep, and to refuse.</summary>
    public static ProvisionPlan Make(IReadOnlyList<DeviceRequest> devices, IReadOnlyList<RegistryEntry> certificates, bool rotate)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(certificates);
        var state = new Dictionary<(string, string), CertificateStatus>();
        foreach (var entry in certificates.Where(c => c.Kind == CertificateKind.Kiosk))
        {
            var key = (entry.Site, entry.Kiosk);
            // Active wins over revoked (a kiosk revoked once and provisioned again before this rule); revoked over superseded.
            if (entry.Status == CertificateStatus.Active || (entry.Status == CertificateStatus.Revoked && state.GetValueOrDefault(key) != CertificateStatus.Active))
            {
                state[key] = entry.Status;
            }
            else
            {
                state.TryAdd(key, entry.Status);
            }
        }

        var (issue, keep, revoked) = (new List<DeviceRequest>(), new List<DeviceRequest>(), new List<DeviceRequest>());
        foreach (var device in devices)
        {
            switch (state.TryGetValue((device.Site, device.Kiosk), out var status) ? status : (CertificateStatus?)null)
            {
                case CertificateStatus.Active when !rotate:
                    keep.Add(device);
                    break;
                case CertificateStatus.Revoked:
                    revoked.Add(device);
                    break;
                default:
                    issue.Add(device);
                    break;
            }
        }

        return new ProvisionPlan(issue, keep, revoked);
    }

    /// <summary>Every problem with the requests (ids, host names, the same kiosk twice, colliding identities), each naming its line.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<DeviceRequest> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var problems = new List<string>();
        var seen = new Dictionary<string, DeviceRequest>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            var where = device.Where is null ? string.Empty : $"{device.Where}: ";
            try
            {
                KioskIdentity.Check(device.Site, device.Kiosk);
            }
            catch (FleetException e)
            {
                problems.Add(where + e.Message);
                continue;
            }

            if (string.IsNullOrWhiteSpace(device.BrokerHost) || Uri.CheckHostName(device.BrokerHost) == UriHostNameType.Unknown)
            {
                problems.Add($"{where}{device.Site}/{device.Kiosk}: '{device.BrokerHost}' is not a host name.");
            }

            // kiosk-{site}-{kiosk} is ambiguous ("a-b"/"c" and "a"/"b-c" both give kiosk-a-b-c); the broker would treat
            // the two as one user, so the second may never be issued.
            if (seen.TryGetValue(device.Identity, out var first))
            {
                var at = first.Where is null ? string.Empty : $" (first at {first.Where})";
                problems.Add(first.Site == device.Site && first.Kiosk == device.Kiosk
                    ? $"{where}{device.Site}/{device.Kiosk} is listed twice{at}."
                    : $"{where}{device.Site}/{device.Kiosk} and {first.Site}/{first.Kiosk}{at} would share the broker identity {device.Identity}; rename one.");
                continue;
            }

            seen.Add(device.Identity, device);
        }

        return problems;
    }

    /// <summary>One problem as it is; several as a count and one per line.</summary>
    public static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1 ? problems[0] : $"{problems.Count} problems, nothing was issued:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}";
    }
}
