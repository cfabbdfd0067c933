using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// The ladder's steps must come in order: the 60 s notice tells the shopper the store's staff were alerted, which
/// only holds if the urgent step (which alerts them) came first, and both must come before the call expires.
/// </summary>
public sealed class HelpOptionsRules : IValidateOptions<HelpOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UrgentAfterSeconds >= options.NoticeAfterSeconds)
        {
            failures.Add($"Help:UrgentAfterSeconds ({options.UrgentAfterSeconds}) must be less than Help:NoticeAfterSeconds ({options.NoticeAfterSeconds}).");
        }

        if (options.NoticeAfterSeconds >= options.ExpireAfterSeconds)
        {
            failures.Add($"Help:NoticeAfterSeconds ({options.NoticeAfterSeconds}) must be less than Help:ExpireAfterSeconds ({options.ExpireAfterSeconds}).");
        }

        if (options.NoDeskGraceSeconds >= options.UrgentAfterSeconds)
        {
            failures.Add($"Help:NoDeskGraceSeconds ({options.NoDeskGraceSeconds}) must be less than Help:UrgentAfterSeconds ({options.UrgentAfterSeconds}): it is the early alert when no desk is known.");
        }

        var bridge = options.BridgeStateTopic;
        if (bridge.Length > 0 && (bridge.Length > 256 || bridge.IndexOfAny(['+', '#', '\0']) >= 0 || bridge.StartsWith('/') || bridge.EndsWith('/')))
        {
            failures.Add($"Help:BridgeStateTopic ('{bridge}') must be one topic (no wildcards + or #, no leading or trailing '/', at most 256 characters), e.g. $SYS/broker/connection/central/state, or empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
