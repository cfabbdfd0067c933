using KioskAssist.FirmwareHost.Hosting;
using KioskAssist.FirmwareHost.SelfTest;
using Microsoft.Extensions.Options;

if (SelfTestCommand.IsRequested(args))
{
    return await SelfTestCommand.RunAsync(args, Console.Out);
}

try
{
    return await KioskApplication.RunAsync(args);
}
catch (OptionsValidationException invalid)
{
    // A bad setting stops the kiosk before it serves anyone, with the key to fix.
    await Console.Error.WriteLineAsync($"KioskAssist cannot start: {string.Join(" ", invalid.Failures)}");
    return 78; // EX_CONFIG: systemd shows "configuration error" rather than a crash
}
