namespace KioskAssist.Provisioning;

/// <summary>What <c>kafleet status</c> was asked for.</summary>
/// <param name="Site">Only this site's kiosks; null for the whole fleet.</param>
/// <param name="WaitSeconds">How long to collect retained messages after subscribing.</param>
public sealed record StatusRequest(string BrokerHost, int BrokerPort, string? Site, double WaitSeconds, bool Json)
{
    /// <summary>The <c>--fail-on</c> conditions (<see cref="StatusFailOn"/>); empty: always exit 0 with a report.</summary>
    public IReadOnlySet<string> FailOn { get; init; } = new HashSet<string>();
}
