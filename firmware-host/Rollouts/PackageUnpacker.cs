using System.IO.Compression;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// Unpacks a rollout package (a zip) into a staging directory. The package's checksum was verified, but it is still
/// unpacked as hostile input: the flat file names a <see cref="RolloutKind"/> must have, for a model at most
/// <see cref="MaxExtraModelFiles"/> more plain file names (a model may ship its own encoder; the model's manifest
/// checksums every file it uses), no paths (no zip-slip), no duplicates, and at most <see cref="MaxUnpackedBytes"/>
/// written whatever the zip's headers claim.
/// </summary>
public static class PackageUnpacker
{
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>Files a model package may hold beyond the five every model has: an int8 encoder and its vocabulary today.</summary>
    public const int MaxExtraModelFiles = 4;

    public static IReadOnlySet<string> FilesOf(RolloutKind kind) => kind == RolloutKind.Model
        ? new HashSet<string>(ModelFiles.Every, StringComparer.Ordinal)
        : new HashSet<string>(StringComparer.Ordinal) { RolloutFiles.Answers };

    /// <exception cref="InvalidDataException">Not a zip, an unexpected or missing file, or too large; the message says which.</exception>
    public static void Unpack(byte[] package, RolloutKind kind, string staging)
    {
        ArgumentNullException.ThrowIfNull(package);
        var expected = FilesOf(kind);
        var written = new HashSet<string>(StringComparer.Ordinal);
        var extras = 0;
        long total = 0;
        using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            var known = expected.Contains(entry.FullName);
            if (!known && (kind != RolloutKind.Model || !RolloutFiles.IsPlainFileName(entry.FullName)))
            {
                throw new InvalidDataException($"the package holds '{Printable(entry.FullName)}', which a {kind.ToString().ToLowerInvariant()} package does not have");
            }

            if (!written.Add(entry.FullName))
            {
                throw new InvalidDataException($"the package holds '{entry.FullName}' twice");
            }

            if (!known && ++extras > MaxExtraModelFiles)
            {
                throw new InvalidDataException($"the package holds more than {MaxExtraModelFiles} files besides the model's own five");
            }

            using var source = entry.Open();
            using var target = new FileStream(Path.Combine(staging, entry.FullName), FileMode.CreateNew, FileAccess.Write);
            var buffer = new byte[81920];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                total += read;
                if (total > MaxUnpackedBytes)
                {
                    throw new InvalidDataException($"the package unpacks to more than {MaxUnpackedBytes} bytes");
                }

                target.Write(buffer, 0, read);
            }
        }

        if (expected.FirstOrDefault(name => !written.Contains(name)) is { } missing)
        {
            throw new InvalidDataException($"the package has no '{missing}'");
        }
    }

    private static string Printable(string name) => new([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
