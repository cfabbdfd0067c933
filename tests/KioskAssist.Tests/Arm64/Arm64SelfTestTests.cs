using System.Diagnostics;
using KioskAssist.Tests.Support;

namespace KioskAssist.Tests.Arm64;

/// <summary>Runs nothing else beside it: the emulated self-test takes both cores for minutes, and timing tests would suffer.</summary>
[CollectionDefinition(nameof(Arm64Collection), DisableParallelization = true)]
public sealed class Arm64Collection;

/// <summary>
/// The arm64 proof: <c>tests/arm64/self-test.sh</c> publishes the kiosk for linux-arm64 (self-contained, as for a
/// Raspberry Pi) and runs <c>--self-test</c> under qemu-user. Fails when the script fails, and checks the report came
/// from an arm64 process that loaded the model and answered the golden questions.
/// </summary>
[Trait("Category", "Arm64")]
[Collection(nameof(Arm64Collection))]
public sealed class Arm64SelfTestTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task The_linux_arm64_build_passes_its_self_test_under_qemu()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("qemu-user and the arm64 libraries are Debian packages: Linux only.");
        }

        var (exit, output) = await RunScriptAsync();

        Assert.True(exit == 0, $"tests/arm64/self-test.sh exited {exit}:\n{output}");
        Assert.Contains("linux-arm64 (Arm64)", output, StringComparison.Ordinal);
        Assert.Contains("  ok    model     checkout ", output, StringComparison.Ordinal);
        Assert.Contains("  ok    questions 5 golden questions", output, StringComparison.Ordinal);
        Assert.Contains("  ok    gpio      button GPIO 17 (header pin 11)", output, StringComparison.Ordinal);
        Assert.Contains("\nself-test passed\n", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunScriptAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "tests", "arm64", "self-test.sh")])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        return (process.ExitCode, output);
    }
}
