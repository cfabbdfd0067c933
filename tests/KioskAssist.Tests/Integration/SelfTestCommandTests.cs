using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KioskAssist.FirmwareHost.SelfTest;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Integration;

/// <summary>
/// <c>kioskassist --self-test</c> in process, with the shipped model and answers from the test output folder (the same
/// files a published build carries). What the technician reads is what these tests read.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SelfTestCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Passes_with_the_shipped_model_and_says_what_it_checked()
    {
        var (exit, report) = await RunAsync();

        Assert.True(exit == 0, report);
        foreach (var check in new[] { "settings", "model", "answers", "questions", "gpio", "storage" })
        {
            Assert.Contains($"  ok    {check,-9} ", report, StringComparison.Ordinal);
        }

        // One golden question per label of the shipped model (35 since 2026.12.05.1), each checked at load.
        var golden = KioskAssist.Intent.GoldenExamples.Load(Path.Combine(RepoPaths.CheckoutModel, KioskAssist.Intent.GoldenExamples.FileName));
        Assert.Equal(35, golden.Examples.Count);
        Assert.Contains("35 labels, all 35 golden outputs match", report, StringComparison.Ordinal);
        Assert.Contains("5 golden questions through the screen's assistant gave their intents (oos, ", report, StringComparison.Ordinal);
        Assert.Equal(SelfTestReport.PassedLine, LastLine(report));
    }

    [Fact]
    public async Task Button_and_light_on_the_same_pin_fail_the_gpio_check()
    {
        var (exit, report) = await RunAsync("--Hardware:ButtonPin=5", "--Hardware:LightPin=5");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  gpio      Hardware:ButtonPin and Hardware:LightPin are both GPIO 5", report, StringComparison.Ordinal);
        Assert.Contains("  ok    model", report, StringComparison.Ordinal);
        Assert.Equal($"{SelfTestReport.FailedPrefix} gpio", LastLine(report));
    }

    [Fact]
    public async Task A_pin_off_the_header_fails_the_gpio_check()
    {
        var (exit, report) = await RunAsync("--Hardware:LightPin=40");

        Assert.Equal(1, exit);
        Assert.Contains("Hardware:LightPin 40 is not a GPIO on the 40-pin header", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_fails_its_golden_check_fails_and_no_question_is_asked()
    {
        var model = CopyModelWithWrongGolden();

        var (exit, report) = await RunAsync($"--Model:Directory={model}");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  model     Model:Directory", report, StringComparison.Ordinal);
        Assert.Contains("fails its golden check", report, StringComparison.Ordinal);
        Assert.Contains("FAIL  questions not run", report, StringComparison.Ordinal);
        Assert.Equal($"{SelfTestReport.FailedPrefix} model, answers, questions", LastLine(report));
    }

    [Theory]
    [InlineData("--Screen:Port=70000", "Screen:Port")]
    [InlineData("--Hardware:Mode=Blinky", "Hardware:Mode")]
    public async Task A_bad_setting_fails_naming_the_key(string setting, string key)
    {
        var (exit, report) = await RunAsync(setting);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  settings", report, StringComparison.Ordinal);
        Assert.Contains(key, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_folder_it_cannot_write_fails()
    {
        var (exit, report) = await RunAsync("--Storage:Database=/proc/kioskassist/kiosk.db");

        Assert.Equal(1, exit);
        Assert.Contains("FAIL  storage   Storage:Database /proc/kioskassist/kiosk.db", report, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Report)> RunAsync(params string[] settings)
    {
        using var output = new StringWriter();
        var exit = await SelfTestCommand.RunAsync(
            // The production guard is tested on its own (ProductionGuardTests); here it would fail 'settings' in every case.
            [SelfTestCommand.Argument, $"--Storage:Database={_folder.File("kiosk.db")}", "--Production:AllowEmbeddedBroker=true", .. settings], output);
        return (exit, output.ToString());
    }

    /// <summary>The shipped model with one golden answer changed, and the manifest's checksum updated so only the golden check can catch it.</summary>
    private string CopyModelWithWrongGolden()
    {
        var model = Directory.CreateDirectory(_folder.File("model")).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.CheckoutModel))
        {
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        }

        var goldenPath = Path.Combine(model, "golden.json");
        var golden = JsonNode.Parse(File.ReadAllText(goldenPath))!.AsArray();
        golden[1]!["intent"] = golden[0]!["intent"]!.GetValue<string>();
        File.WriteAllText(goldenPath, golden.ToJsonString());

        var manifestPath = Path.Combine(model, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["checksums"]!["golden.json"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(goldenPath)));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return model;
    }

    private static string LastLine(string report) => report.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
