namespace KioskAssist.Provisioning;

/// <summary>
/// Writes the fleet's files with the right permissions from the first byte: a private key is created 0600 (never
/// written first and narrowed later), directories that hold keys are 0700. Every write goes to a temporary file in
/// the same folder and is renamed over the target, so a rotated key never sits half-written.
/// </summary>
public static class SecureFiles
{
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Public = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateFolder = Secret | UnixFileMode.UserExecute;

    /// <summary>A private key or password file: 0600.</summary>
    public static void WriteSecret(string path, string text) => Write(path, text, Secret);

    /// <summary>A certificate, public key or configuration: 0644.</summary>
    public static void WritePublic(string path, string text) => Write(path, text, Public);

    /// <summary>Creates the folder (and its parents) 0700, or narrows an existing one to 0700.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, PrivateFolder);
        File.SetUnixFileMode(path, PrivateFolder);
    }

    private static void Write(string path, string text, UnixFileMode mode)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(false), options))
            {
                writer.NewLine = "\n";
                writer.Write(text);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
