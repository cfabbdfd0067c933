namespace KioskAssist.Protocol;

/// <summary>
/// The fleet topics (docs/protocol.md, "Fleet"), beside the help-call topics of <see cref="Topics"/>: commands from
/// the operator to one kiosk, rollout packages every kiosk may read, and what kiosks report back.
/// </summary>
public static class FleetTopics
{
    /// <summary>Operator → one kiosk: <c>ka/v1/fleet/{site}/{kiosk}/{command}</c> (rollout, abort). Only the operator identity may publish.</summary>
    public static string CommandsFor(string site, string kiosk) => $"{Topics.Root}/fleet/{Ids.Check(site)}/{Ids.Check(kiosk)}/#";

    /// <summary>
    /// Retained; the signed rollout command of one kind for one kiosk, <c>…/rollout/model</c> or <c>…/rollout/answers</c>:
    /// a newer rollout of the kind replaces it, one of the other kind does not.
    /// </summary>
    public static string Rollout(string site, string kiosk, Messages.RolloutKind kind) =>
        $"{Topics.Root}/fleet/{Ids.Check(site)}/{Ids.Check(kiosk)}/rollout/{RolloutSignature.Name(kind)}";

    /// <summary>Retained; the signed abort of one rollout for one kiosk, <c>…/abort/{rollout}</c> (one topic per rollout, so no abort hides another).</summary>
    public static string Abort(string site, string kiosk, string rolloutId) =>
        $"{Topics.Root}/fleet/{Ids.Check(site)}/{Ids.Check(kiosk)}/abort/{Ids.Check(rolloutId)}";

    /// <summary>
    /// Retained; a rollout package (zip), published once for all its targets and named by its SHA-256 (64 lower-case hex
    /// digits), so 500 kiosks share one copy on the broker. A kiosk subscribes to the one its command names.
    /// </summary>
    public static string Package(string sha256) =>
        IsSha256(sha256) ? $"{Topics.Root}/fleet/packages/{sha256}" : throw new ArgumentException($"'{sha256}' is not a SHA-256 in hex.", nameof(sha256));

    /// <summary>One kiosk → the operator: <c>ka/v1/reports/{site}/{kiosk}/{kind}</c> (rollout outcome, metrics).</summary>
    public static string ReportsFrom(string site, string kiosk) => $"{Topics.Root}/reports/{Ids.Check(site)}/{Ids.Check(kiosk)}/#";

    /// <summary>Retained; the kiosk's latest rollout outcome.</summary>
    public static string RolloutReport(string site, string kiosk) => $"{Topics.Root}/reports/{Ids.Check(site)}/{Ids.Check(kiosk)}/rollout";

    public const string AllCommands = Topics.Root + "/fleet/#";

    /// <summary>Every package topic; kiosks may read it (the ACL), but subscribe only to the package they need.</summary>
    public const string AllPackages = Topics.Root + "/fleet/packages/#";

    public const string AllReports = Topics.Root + "/reports/#";

    public const string AllRolloutReports = Topics.Root + "/reports/+/+/rollout";

    /// <summary>The SHA-256 a package topic names, or null when <paramref name="topic"/> is not a package topic.</summary>
    public static string? PackageSha256(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        const string prefix = Topics.Root + "/fleet/packages/";
        return topic.StartsWith(prefix, StringComparison.Ordinal) && IsSha256(topic[prefix.Length..]) ? topic[prefix.Length..] : null;
    }

    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>
    /// Retained; one kiosk's certificate signing request (PEM, the key made on the kiosk), published when its certificate
    /// is a bootstrap one or past two thirds of its lifetime; the kiosk clears it once it runs the signed certificate.
    /// </summary>
    public static string CertificateRequest(string site, string kiosk) => $"{Topics.Root}/reports/{Ids.Check(site)}/{Ids.Check(kiosk)}/csr";

    public const string AllCertificateRequests = Topics.Root + "/reports/+/+/csr";

    /// <summary>Retained; the certificate the operator signed for a kiosk's request (PEM), <c>ka/v1/fleet/{site}/{kiosk}/certificate</c>.</summary>
    public static string Certificate(string site, string kiosk) => $"{Topics.Root}/fleet/{Ids.Check(site)}/{Ids.Check(kiosk)}/certificate";
}
