using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Provisioning;

/// <summary>
/// A rollout's package: the zip a kiosk unpacks (the model directory: its manifest and every file the manifest lists
/// with a checksum — five, or seven with an int8 encoder — or answers.json), its version read
/// from inside, and its SHA-256. Built deterministically (fixed order and timestamps), so the same files give the same
/// package and the same package topic.
/// </summary>
public sealed record RolloutPackage(RolloutKind Kind, string Version, byte[] Bytes, string Sha256)
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The manifest first, then the five files every model has and any others its manifest lists with a checksum (an int8 encoder and its vocabulary), in a fixed order.</summary>
    private static string[] ModelFileNames(string directory, ModelManifest manifest)
    {
        var listed = manifest.Checksums.Keys;
        if (listed.FirstOrDefault(name => !RolloutFiles.IsPlainFileName(name)) is { } odd)
        {
            throw new FleetException($"--file: {System.IO.Path.Combine(directory, ModelFiles.Manifest)} lists '{odd}', which is not a plain file name in the model directory.");
        }

        return [.. ModelFiles.Every, .. listed.Except(ModelFiles.Every, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The model's manifest, read as the kiosk reads it; null when there is none (reported as missing).</summary>
    private static ModelManifest? ReadManifest(string directory)
    {
        var path = System.IO.Path.Combine(directory, ModelFiles.Manifest);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ModelManifest.Load(path);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new FleetException($"--file: {path} is not a model manifest: {e.Message}");
        }
    }

    /// <param name="path">A model directory for <see cref="RolloutKind.Model"/>, an answers.json for <see cref="RolloutKind.Answers"/>.</param>
    public static RolloutPackage Build(RolloutKind kind, string path)
    {
        if (kind == RolloutKind.Model && !Directory.Exists(path))
        {
            throw new FleetException($"--file {path}: a model rollout takes a model directory ({string.Join(", ", ModelFiles.Every)}).");
        }

        var manifest = kind == RolloutKind.Model ? ReadManifest(path) : null;
        var files = kind == RolloutKind.Model
            ? (manifest is null ? [.. ModelFiles.Every] : ModelFileNames(path, manifest)).Select(name => (name, System.IO.Path.Combine(path, name))).ToArray()
            : [(RolloutFiles.Answers, path)];

        if (files.FirstOrDefault(f => !File.Exists(f.Item2)) is { Item2: not null } missing)
        {
            throw new FleetException($"--file: {missing.Item2} does not exist.");
        }

        var version = manifest?.Version ?? ReadVersion(path);
        if (!RolloutFiles.IsVersion(version))
        {
            throw new FleetException($"--file: the version '{version}' is not usable: {RolloutFiles.VersionRule}.");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, file) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var target = entry.Open();
                using var source = File.OpenRead(file);
                source.CopyTo(target);
            }
        }

        var bytes = buffer.ToArray();
        if (bytes.LongLength > RolloutMessage.MaxPackageBytes)
        {
            throw new FleetException($"--file: the package is {bytes.LongLength} bytes; kiosks accept at most {RolloutMessage.MaxPackageBytes}.");
        }

        return new RolloutPackage(kind, version, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The top-level <c>version</c> of an answers file.</summary>
    private static string ReadVersion(string jsonFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(jsonFile));
            return document.RootElement.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
                ? version.GetString()!
                : throw new FleetException($"--file: {jsonFile} has no \"version\".");
        }
        catch (JsonException e)
        {
            throw new FleetException($"--file: {jsonFile} is not JSON: {e.Message}");
        }
    }

    /// <summary>The topic the package is published on (retained), once for all targets.</summary>
    public string Topic => FleetTopics.Package(Sha256);
}
