using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>Signed model and answer rollouts from the fleet (docs/protocol.md, "Fleet: rollouts").</summary>
public sealed class RolloutOptions
{
    public const string Section = "Rollout";

    /// <summary>
    /// The fleet's rollout public key (PEM, ECDSA P-256), from the device bundle. Empty: every rollout is refused and
    /// reported as such (a development kiosk has no fleet).
    /// </summary>
    public string PublicKeyFile { get; set; } = string.Empty;

    /// <summary>Where rolled-out versions, the previous one and staging live; relative paths are from the application folder. On a Pi: /var/lib/kioskassist/rollouts.</summary>
    [Required]
    public string Directory { get; set; } = "data/rollouts";

    /// <summary>How long a valid command waits for its package to arrive before it is refused.</summary>
    [Range(5, 3600)]
    public int PackageWaitSeconds { get; set; } = 300;

    /// <summary>
    /// Hours after its signed <c>at</c> that a command is still taken. An older one (a replayed or long-retained command)
    /// is refused and reported; the operator sends it again. A week covers a kiosk switched off over a long holiday.
    /// </summary>
    [Range(1, 8760)]
    public int MaxCommandAgeHours { get; set; } = 168;

    public string FullPath => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
