using Microsoft.Extensions.Options;

namespace KioskAssist.Protocol.Hosting;

/// <summary>
/// Runs an options class's data-annotation checks and names each failure by its configuration key
/// ("Screen:Port: …"), so whoever edits appsettings or the environment knows exactly what to fix.
/// </summary>
public sealed class ConfigurationKeyValidator<TOptions>(string section, IValidateOptions<TOptions> annotations) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = annotations.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures.Select(failure => $"{section}:{failure}"))
            : result;
    }
}
