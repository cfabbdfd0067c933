using System.Net;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>The rules annotations cannot say: the page is served on loopback only, and the default language is offered.</summary>
public sealed class ScreenOptionsRules : IValidateOptions<ScreenOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out var address) || !IPAddress.IsLoopback(address))
        {
            failures.Add($"Screen:BindAddress must be a loopback address such as 127.0.0.1 (got '{options.BindAddress}'): the kiosk page is never served to the network.");
        }

        if (!options.Languages.Contains(options.DefaultLanguage))
        {
            failures.Add($"Screen:DefaultLanguage '{options.DefaultLanguage}' is not one of Screen:Languages ({string.Join(", ", options.Languages)}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
