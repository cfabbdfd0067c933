using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
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
    private static readonly string[] ModelFiles = ["manifest.json", "labels.txt", "vocab.txt", "golden.json", "model.onnx"];
    private static readonly System.Text.RegularExpressions.Regex FlatFileName = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The manifest first, then the five files every model has and any others its manifest lists with a checksum (an int8 encoder and its vocabulary), in a fixed order.</summary>
    private static string[] ModelFileNames(string directory)
    {
        var manifest = System.IO.Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifest))
        {
            return ModelFiles; // reported as missing below
        }

        string[] listed;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            listed = document.RootElement.TryGetProperty("checksums", out var checksums) && checksums.ValueKind == JsonValueKind.Object
                ? [.. checksums.EnumerateObject().Select(file => file.Name)]
                : [];
        }
        catch (JsonException e)
        {
            throw new FleetException($"--file: {manifest} is not a model manifest: {e.Message}");
        }

        if (listed.FirstOrDefault(name => !FlatFileName.IsMatch(name)) is { } odd)
        {
            throw new FleetException($"--file: {manifest} lists '{odd}', which is not a plain file name in the model directory.");
        }

        return [.. ModelFiles, .. listed.Except(ModelFiles, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <param name="path">A model directory for <see cref="RolloutKind.Model"/>, an answers.json for <see cref="RolloutKind.Answers"/>.</param>
    public static RolloutPackage Build(RolloutKind kind, string path)
    {
        if (kind == RolloutKind.Model && !Directory.Exists(path))
        {
            throw new FleetException($"--file {path}: a model rollout takes a model directory ({string.Join(", ", ModelFiles)}).");
        }

        var files = kind == RolloutKind.Model
            ? ModelFileNames(path).Select(name => (name, System.IO.Path.Combine(path, name))).ToArray()
            : [("answers.json", path)];

        if (files.FirstOrDefault(f => !File.Exists(f.Item2)) is { Item2: not null } missing)
        {
            throw new FleetException($"--file: {missing.Item2} does not exist.");
        }

        var version = ReadVersion(kind == RolloutKind.Model ? files[0].Item2 : path);
        if (MessageRulesVersion(version) is { } problem)
        {
            throw new FleetException($"--file: the version '{version}' is not usable: {problem}.");
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

    /// <summary>The top-level <c>version</c> of a model manifest or an answers file.</summary>
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

    private static string? MessageRulesVersion(string version) =>
        version.Length is >= 1 and <= 64 && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? null : "1–64 letters, digits, '.', '-' or '_'";

    /// <summary>The topic the package is published on (retained), once for all targets.</summary>
    public string Topic => FleetTopics.Package(Sha256);
}
