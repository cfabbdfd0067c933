using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.Storage;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>
/// <c>kioskassist --self-test [settings…]</c>: the technician's and CI's check that this build runs on this machine with
/// this configuration. Builds the kiosk's services exactly as a normal start does, but starts nothing: no broker, no
/// web server, no pins opened. Prints a short report; exit 0 when every check passed, 1 otherwise.
/// </summary>
public static class SelfTestCommand
{
    public const string Argument = "--self-test";

    public static bool IsRequested(IReadOnlyCollection<string> args) => args?.Contains(Argument, StringComparer.Ordinal) == true;

    public static async Task<int> RunAsync(string[] args, TextWriter output, IGpioSystem? gpio = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);

        // The switch is not a setting: left in, the command-line configuration would take the next argument as its value.
        var settings = args.Where(arg => arg != Argument).ToArray();
        var scratch = Path.Combine(Path.GetTempPath(), $"kioskassist-self-test-{Guid.NewGuid():N}");
        try
        {
            WebApplication app;
            try
            {
                var builder = KioskApplication.CreateBuilder(settings);

                // The golden questions may start a call for a person: it goes to a throwaway database, never the kiosk's
                // outbox, so the check is safe beside the running service. The configured database is still checked.
                builder.Services.AddSingleton(new KioskDatabase(Options.Create(new StorageOptions { Database = Path.Combine(scratch, "self-test.db") })));
                builder.Logging.ClearProviders();
                app = builder.Build();
            }
            catch (OptionsValidationException invalid)
            {
                // Some settings are read while the host is built (the hardware mode, the screen's address).
                new SelfTestReport("KioskAssist self-test", [new SelfTestCheck("settings", false, string.Join(" ", invalid.Failures))]).WriteTo(output);
                return 1;
            }

            await using var disposeApp = app;
            var report = new KioskSelfTest(app.Services, app.Environment, gpio ?? new LinuxGpioSystem()).Run();
            report.WriteTo(output);
            return report.Passed ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
