using System.Globalization;

namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>The self-test's outcome: one <see cref="SelfTestCheck"/> per line, passed only when every check passed.</summary>
public sealed class SelfTestReport(string heading, IReadOnlyList<SelfTestCheck> checks)
{
    /// <summary>The last line of a passing report; scripts and CI look for it.</summary>
    public const string PassedLine = "self-test passed";

    public const string FailedPrefix = "self-test FAILED:";

    public IReadOnlyList<SelfTestCheck> Checks { get; } = checks;

    public bool Passed => Checks.All(check => check.Passed);

    /// <summary>Writes the human-readable report: a heading, one line per check, and a verdict naming what failed.</summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(heading);
        foreach (var check in Checks)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(check.Passed ? "ok  " : "FAIL")}  {check.Name,-9} {check.Detail} [{check.Milliseconds:F0} ms]"));
        }

        output.WriteLine(Passed ? PassedLine : $"{FailedPrefix} {string.Join(", ", Checks.Where(c => !c.Passed).Select(c => c.Name))}");
    }
}
