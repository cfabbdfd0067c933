using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Unit;

/// <summary>The rules a rollout is judged by, without a broker: version order, signatures, strict decoding, unpacking, the on-disk slots.</summary>
[Trait("Category", "Unit")]
public sealed class RolloutRulesTests
{
    [Theory]
    [InlineData("2026.11.28.2", "2026.11.28.1", 1)]
    [InlineData("2026.11.28.10", "2026.11.28.9", 1)]
    [InlineData("2026.12.1.1", "2026.11.28.2", 1)]
    [InlineData("2026.11.28.2", "2026.11.28.2", 0)]
    [InlineData("2026.11.28", "2026.11.28.1", -1)]
    [InlineData("2025.1.1.1", "2026.11.28.2", -1)]
    public void Versions_compare_part_by_part_numerically(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(VersionOrder.Compare(a, b)));

    [Fact]
    public void A_signature_breaks_when_any_signed_field_changes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var command = new RolloutMessage("r1", "s", "k", RolloutKind.Model, "2099.1.1.1", new string('a', 64), 1234, DateTimeOffset.UtcNow, null);
        var signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(command));

        Assert.True(RolloutSignature.Verify(key, RolloutSignature.Canonical(command), signature));
        RolloutMessage[] altered =
        [
            command with { Id = "r2" }, command with { Site = "t" }, command with { Kiosk = "j" }, command with { Kind = RolloutKind.Answers },
            command with { Version = "2099.1.1.2" }, command with { Sha256 = new string('b', 64) }, command with { Size = 1235 },
            command with { At = command.At.AddTicks(1) },
        ];
        Assert.All(altered, a => Assert.False(RolloutSignature.Verify(key, RolloutSignature.Canonical(a), signature)));
        Assert.False(RolloutSignature.Verify(key, RolloutSignature.Canonical(command), "not base64!"));
        Assert.False(RolloutSignature.Verify(key, RolloutSignature.Canonical(command), null));
    }

    [Theory]
    [InlineData("""{"v":1,"id":"r","site":"s","kiosk":"k","kind":"model","version":"1.0","sha256":"ABC","size":10,"at":"2026-11-28T00:00:00+00:00"}""", "sha256")]
    [InlineData("""{"v":1,"id":"r","site":"s","kiosk":"k","kind":"firmware","version":"1.0","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":10,"at":"2026-11-28T00:00:00+00:00"}""", "RolloutMessage")]
    [InlineData("""{"v":1,"id":"r","site":"s","kiosk":"k","kind":"model","version":"1.0","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":999999999999,"at":"2026-11-28T00:00:00+00:00"}""", "size")]
    [InlineData("""{"v":1,"id":"r","site":"s","kiosk":"k","kind":"model","version":"../x","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":10,"at":"2026-11-28T00:00:00+00:00"}""", "version")]
    [InlineData("""{"v":2,"id":"r","site":"s","kiosk":"k","kind":"model","version":"1.0","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":10,"at":"2026-11-28T00:00:00+00:00"}""", "version 2")]
    public void Malformed_rollout_commands_do_not_decode(string json, string problemMentions)
    {
        Assert.False(ProtocolJson.TryDecode<RolloutMessage>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), out _, out var problem));
        Assert.Contains(problemMentions, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_topics_take_only_a_sha256()
    {
        var sha = new string('0', 64);
        Assert.Equal($"ka/v1/fleet/packages/{sha}", FleetTopics.Package(sha));
        Assert.Equal(sha, FleetTopics.PackageSha256(FleetTopics.Package(sha)));
        Assert.Throws<ArgumentException>(() => FleetTopics.Package("+"));
        Assert.Null(FleetTopics.PackageSha256("ka/v1/fleet/packages/#"));
    }

    [Theory]
    [InlineData("../answers.json")]
    [InlineData("/etc/answers.json")]
    [InlineData("sub/answers.json")]
    [InlineData("evil.sh")]
    public void A_package_entry_outside_the_expected_flat_files_is_refused_before_anything_is_written(string entryName)
    {
        using var temp = new TempDirectory();
        var staging = Directory.CreateDirectory(temp.File("staging")).FullName;
        var package = Zip((entryName, "{}"), ("answers.json", "{}"));

        var error = Assert.Throws<InvalidDataException>(() => PackageUnpacker.Unpack(package, RolloutKind.Answers, staging));
        Assert.Contains("does not have", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_package_missing_a_file_or_not_a_zip_is_refused()
    {
        using var temp = new TempDirectory();
        Assert.Contains("has no 'model.onnx'", Assert.Throws<InvalidDataException>(() => PackageUnpacker.Unpack(
            Zip(("manifest.json", "{}"), ("labels.txt", ""), ("vocab.txt", ""), ("golden.json", "[]")), RolloutKind.Model, temp.Path)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => PackageUnpacker.Unpack(Encoding.UTF8.GetBytes("not a zip"), RolloutKind.Answers, temp.Path));
    }

    [Fact]
    public void A_model_package_may_carry_its_own_encoder_files_but_no_paths_and_not_too_many()
    {
        (string, string)[] model = [("manifest.json", "{}"), ("labels.txt", ""), ("vocab.txt", ""), ("golden.json", "[]"), ("model.onnx", "")];
        using (var temp = new TempDirectory())
        {
            PackageUnpacker.Unpack(Zip([.. model, ("all-MiniLM-L6-v2.int8.onnx", "q"), ("all-MiniLM-L6-v2.vocab.txt", "v")]), RolloutKind.Model, temp.Path);
            Assert.True(File.Exists(Path.Combine(temp.Path, "all-MiniLM-L6-v2.int8.onnx")));
        }

        using (var temp = new TempDirectory())
        {
            Assert.Contains("does not have", Assert.Throws<InvalidDataException>(() => PackageUnpacker.Unpack(
                Zip([.. model, ("enc/../../x.onnx", "q")]), RolloutKind.Model, temp.Path)).Message, StringComparison.Ordinal);
        }

        using (var temp = new TempDirectory())
        {
            (string, string)[] many = [.. model, .. Enumerable.Range(0, PackageUnpacker.MaxExtraModelFiles + 1).Select(i => ($"extra{i}.bin", "x"))];
            Assert.Contains("besides the model's own five", Assert.Throws<InvalidDataException>(() => PackageUnpacker.Unpack(
                Zip(many), RolloutKind.Model, temp.Path)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_model_package_holds_every_file_its_manifest_checksums_and_refuses_a_path_in_it()
    {
        using var model = new TempDirectory();
        foreach (var name in new[] { "labels.txt", "vocab.txt", "golden.json", "model.onnx", "encoder.int8.onnx" })
        {
            File.WriteAllText(Path.Combine(model.Path, name), name);
        }

        // kafleet reads the manifest as the kiosk does (ModelManifest): the shipped one, with other files listed.
        var shipped = ModelManifest.Load(Path.Combine(RepoPaths.CheckoutModel, ModelFiles.Manifest));
        (shipped with
        {
            Version = "2099.1.1.1",
            Checksums = new Dictionary<string, string> { ["labels.txt"] = "a", ["vocab.txt"] = "b", ["golden.json"] = "c", ["model.onnx"] = "d", ["encoder.int8.onnx"] = "e" },
        }).Save(Path.Combine(model.Path, "manifest.json"));
        var package = KioskAssist.Provisioning.RolloutPackage.Build(RolloutKind.Model, model.Path);
        using (var zip = new ZipArchive(new MemoryStream(package.Bytes), ZipArchiveMode.Read))
        {
            Assert.Equal(["manifest.json", "labels.txt", "vocab.txt", "golden.json", "model.onnx", "encoder.int8.onnx"], zip.Entries.Select(e => e.FullName));
        }

        (shipped with { Checksums = new Dictionary<string, string> { ["../secret"] = "a" } }).Save(Path.Combine(model.Path, "manifest.json"));
        Assert.Contains("not a plain file name", Assert.Throws<KioskAssist.Provisioning.FleetException>(
            () => KioskAssist.Provisioning.RolloutPackage.Build(RolloutKind.Model, model.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_package_refuses_a_manifest_the_kiosk_could_not_load()
    {
        using var model = new TempDirectory();
        foreach (var name in ModelFiles.Every)
        {
            File.WriteAllText(Path.Combine(model.Path, name), name);
        }

        File.WriteAllText(Path.Combine(model.Path, ModelFiles.Manifest), """{"version":"2099.1.1.1","checksums":{}}""");
        Assert.Contains("is not a model manifest", Assert.Throws<KioskAssist.Provisioning.FleetException>(
            () => KioskAssist.Provisioning.RolloutPackage.Build(RolloutKind.Model, model.Path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Promoting_keeps_the_current_and_previous_version_and_rolling_back_restores_the_previous()
    {
        using var temp = new TempDirectory();
        var store = new RolloutStore(temp.Path);
        Assert.Equal(RolloutSlots.Shipped, store.Slots(RolloutKind.Model));
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            File.WriteAllText(Path.Combine(store.NewStaging(id), "marker"), id);
            store.Promote(RolloutKind.Model, id, Path.Combine(temp.Path, "staging", id));
        }

        Assert.Equal(new RolloutSlots("r3", "r2"), store.Slots(RolloutKind.Model));
        Assert.False(Directory.Exists(store.VersionDirectory(RolloutKind.Model, "r1")), "only current and previous are kept");
        Assert.Equal(new RolloutSlots("r2", null), store.RollBack(RolloutKind.Model));
        Assert.False(Directory.Exists(store.VersionDirectory(RolloutKind.Model, "r3")));
        Assert.Equal("r2", File.ReadAllText(Path.Combine(store.VersionDirectory(RolloutKind.Model, "r2"), "marker")));
        Assert.Equal(RolloutSlots.Shipped, store.RollBack(RolloutKind.Model));
        Assert.Equal(RolloutSlots.Shipped, store.Slots(RolloutKind.Answers));

        // A damaged state file means the shipped version, not a kiosk that cannot start.
        File.WriteAllText(Path.Combine(temp.Path, "model", "state.json"), "{\"current\": \"../../etc\"");
        Assert.Equal(RolloutSlots.Shipped, store.Slots(RolloutKind.Model));
        File.WriteAllText(Path.Combine(temp.Path, "model", "state.json"), "{\"current\": \"../../etc\"}");
        Assert.Equal(RolloutSlots.Shipped, store.Slots(RolloutKind.Model));
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
