using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Protocol;

/// <summary>
/// Signs and verifies fleet commands with the fleet's rollout key (ECDSA P-256, SHA-256, IEEE P1363 signatures in
/// base64). What is signed is a canonical text of every field but the signature — never the JSON as it travelled, so
/// field order and spacing do not matter, and any changed field (a target, a version, a checksum) breaks it.
/// </summary>
public static class RolloutSignature
{
    /// <summary>The bytes a <see cref="RolloutMessage"/>'s signature covers.</summary>
    public static byte[] Canonical(RolloutMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Lines("ka/v1 rollout", command.Id, command.Site, command.Kiosk, Name(command.Kind), command.Version, command.Sha256,
            command.Size.ToString(CultureInfo.InvariantCulture), command.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The bytes a <see cref="RolloutAbortMessage"/>'s signature covers.</summary>
    public static byte[] Canonical(RolloutAbortMessage abort)
    {
        ArgumentNullException.ThrowIfNull(abort);
        return Lines("ka/v1 abort", abort.RolloutId, abort.Site, abort.Kiosk, abort.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    public static string Sign(ECDsa key, byte[] canonical)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(key.SignData(canonical, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>True only for a well-formed signature by <paramref name="key"/> over <paramref name="canonical"/>; never throws for bad input.</summary>
    public static bool Verify(ECDsa key, byte[] canonical, string? signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
            && key.VerifyData(canonical, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The kind as it appears in JSON and in the canonical text.</summary>
    public static string Name(RolloutKind kind) => kind == RolloutKind.Model ? "model" : "answers";

    // Fields are ids, versions, hex and numbers: none can hold a newline, so the lines cannot be shifted into each other.
    private static byte[] Lines(params string[] fields) => Encoding.UTF8.GetBytes(string.Join('\n', fields));
}
