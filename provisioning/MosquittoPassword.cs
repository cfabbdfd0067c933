using System.Security.Cryptography;
using System.Text;

namespace KioskAssist.Provisioning;

/// <summary>
/// Mosquitto 2's password hash, <c>$7$ITERATIONS$SALT$HASH</c>: PBKDF2-HMAC-SHA512 over the UTF-8 password with a
/// 12-byte random salt, a 64-byte result, salt and hash in padded base64 — what <c>mosquitto_passwd</c> writes, computed
/// here so kafleet does not depend on mosquitto being installed on the operator's machine.
/// </summary>
public static class MosquittoPassword
{
    /// <summary>
    /// mosquitto_passwd uses 101. Mosquitto runs PBKDF2 on its single event-loop thread for every password login, so a
    /// large count lets anyone stall every kiosk's traffic with login attempts; 10,000 (a few milliseconds) is the
    /// compromise between that and a stolen password file. The count is stored in the hash, so it can change later.
    /// </summary>
    public const int Iterations = 10_000;

    private const int SaltLength = 12;
    private const int HashLength = 64;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashLength);
        return $"$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="password"/> matches a <c>$7$</c> hash (ours or mosquitto_passwd's).</summary>
    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(encoded);
        var parts = encoded.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[3]);
            var expected = Convert.FromBase64String(parts[4]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
