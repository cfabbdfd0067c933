using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>A rollout key that is set must be a readable P-256 public key: a kiosk must not find out at its first rollout.</summary>
public sealed class RolloutOptionsRules : IValidateOptions<RolloutOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicKeyFile.Length == 0)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            using var key = RolloutKey.Load(options.PublicKeyFile);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or InvalidDataException)
        {
            return ValidateOptionsResult.Fail($"Rollout:PublicKeyFile '{options.PublicKeyFile}' is not a readable ECDSA P-256 public key: {e.Message}");
        }
    }
}
