namespace KioskAssist.AgentDesk.Accounts;

/// <summary>Creates the desk's private folder (0700) and files (0600): they hold password hashes and session keys.</summary>
public static class DataFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode); // tighten a folder that existed before
    }

    /// <summary>Creates an empty file readable by the owner only, unless it exists; an existing one is tightened to 0600.</summary>
    public static void CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using (File.Open(path, System.IO.FileMode.OpenOrCreate))
            {
            }

            return;
        }

        if (File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it at the same moment; it is tightened below.
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Writes text to a file readable by the owner only (0600), replacing what it held.</summary>
    public static void WritePrivateFile(string path, string text)
    {
        CreatePrivateFile(path);
        File.WriteAllText(path, text);
    }
}
