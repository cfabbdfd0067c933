using System.Security.Cryptography;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>Reads the fleet's rollout public key (SubjectPublicKeyInfo PEM, as <c>kafleet ca init</c> writes it).</summary>
public static class RolloutKey
{
    /// <exception cref="InvalidDataException">The file holds another kind of key.</exception>
    public static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256)
            {
                throw new InvalidDataException($"the key is {key.KeySize}-bit, not P-256");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
