using System.IO.Compression;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// Unpacks a rollout package (a zip) into a staging directory. The package's checksum was verified, but it is still
/// unpacked as hostile input: only the flat file names a <see cref="RolloutKind"/> has, no paths (no zip-slip), no
/// duplicates, and at most <see cref="MaxUnpackedBytes"/> written whatever the zip's headers claim.
/// </summary>
public static class PackageUnpacker
{
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    public static IReadOnlySet<string> FilesOf(RolloutKind kind) => kind == RolloutKind.Model
        ? new HashSet<string>(StringComparer.Ordinal) { "model.onnx", "labels.txt", "vocab.txt", "golden.json", "manifest.json" }
        : new HashSet<string>(StringComparer.Ordinal) { "answers.json" };

    /// <exception cref="InvalidDataException">Not a zip, an unexpected or missing file, or too large; the message says which.</exception>
    public static void Unpack(byte[] package, RolloutKind kind, string staging)
    {
        ArgumentNullException.ThrowIfNull(package);
        var expected = FilesOf(kind);
        var written = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            if (!expected.Contains(entry.FullName))
            {
                throw new InvalidDataException($"the package holds '{Printable(entry.FullName)}', which a {kind.ToString().ToLowerInvariant()} package does not have");
            }

            if (!written.Add(entry.FullName))
            {
                throw new InvalidDataException($"the package holds '{entry.FullName}' twice");
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
