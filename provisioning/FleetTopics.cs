using KioskAssist.Protocol;

namespace KioskAssist.Provisioning;

/// <summary>
/// The fleet topics kafleet introduces (docs/protocol.md, "Fleet"), beside the help-call topics of
/// <see cref="Topics"/>. They live here until the kiosk side uses them; then they belong in protocol/Topics.cs.
/// </summary>
public static class FleetTopics
{
    /// <summary>Operator → one kiosk: <c>ka/v1/fleet/{site}/{kiosk}/{command}</c> (rollout, abort). Only the operator identity may publish.</summary>
    public static string CommandsFor(string site, string kiosk) => $"{Topics.Root}/fleet/{Ids.Check(site)}/{Ids.Check(kiosk)}/#";

    /// <summary>One kiosk → the operator: <c>ka/v1/reports/{site}/{kiosk}/{kind}</c> (rollout outcome, metrics).</summary>
    public static string ReportsFrom(string site, string kiosk) => $"{Topics.Root}/reports/{Ids.Check(site)}/{Ids.Check(kiosk)}/#";

    public const string AllCommands = Topics.Root + "/fleet/#";

    public const string AllReports = Topics.Root + "/reports/#";
}
