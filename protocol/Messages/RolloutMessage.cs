namespace KioskAssist.Protocol.Messages;

/// <summary>
/// A signed rollout command for one kiosk, retained on <see cref="FleetTopics.Rollout"/>. The package itself is on
/// <see cref="FleetTopics.Package"/> under <paramref name="Sha256"/>. <paramref name="Signature"/> is ECDSA P-256 /
/// SHA-256 (IEEE P1363, base64) by the fleet's rollout key over <see cref="RolloutSignature.Canonical(RolloutMessage)"/>.
/// </summary>
/// <param name="Id">The rollout's id, the same for all its targets.</param>
/// <param name="Site">The target kiosk's site: a command is valid for that kiosk only.</param>
/// <param name="Version">The version inside the package (the model manifest's, or answers.json's).</param>
/// <param name="Size">The package's size in bytes.</param>
public sealed record RolloutMessage(
    string Id,
    string Site,
    string Kiosk,
    RolloutKind Kind,
    string Version,
    string Sha256,
    long Size,
    DateTimeOffset At,
    string? Signature) : IProtocolMessage
{
    /// <summary>Largest package a kiosk accepts (zip bytes); the shipped model zips to under 2 MB.</summary>
    public const long MaxPackageBytes = 64L * 1024 * 1024;

    public int V { get; init; } = ProtocolVersion.Current;

    public string? Validate() =>
        MessageRules.Version(V) ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? (Enum.IsDefined(Kind) ? null : "kind is not model or answers")
        ?? MessageRules.VersionText(Version)
        ?? (FleetTopics.IsSha256(Sha256) ? null : "sha256 is not 64 lower-case hex digits")
        ?? (Size is > 0 and <= MaxPackageBytes ? null : $"size must be 1–{MaxPackageBytes} bytes")
        ?? MessageRules.Signature(Signature);
}
