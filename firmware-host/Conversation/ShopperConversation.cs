using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>
/// The one conversation on this kiosk's screen. A kiosk serves one shopper at a time, so this is a singleton.
/// After <see cref="ScreenOptions.IdleTimeout"/> without activity it forgets everything, so the next shopper
/// never sees the last one's questions.
/// </summary>
/// <remarks>Thread-safe: every member takes the same lock; snapshots are copies.</remarks>
public sealed class ShopperConversation(TimeProvider time, IOptions<ScreenOptions> options, ILogger<ShopperConversation> logger)
{
    private readonly Lock _gate = new();
    private readonly List<TranscriptEntry> _transcript = [];
    private DateTimeOffset _lastActivity = time.GetUtcNow();
    private HelpStatus _help = HelpStatus.None;
    private HelpReason? _helpReason;
    private DateTimeOffset? _helpSince;
    private string _language = options.Value.DefaultLanguage;

    public DateTimeOffset Now => time.GetUtcNow();

    public ConversationSnapshot Snapshot()
    {
        lock (_gate)
        {
            ForgetIfIdle();
            return new ConversationSnapshot([.. _transcript], _help, _helpReason, _helpSince, _language);
        }
    }

    public void Add(TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            ForgetIfIdle();
            _transcript.Add(entry);
            _language = entry.Language;
            _lastActivity = time.GetUtcNow();
        }
    }

    /// <summary>Starts a call for a person; a second press while calling keeps the first call's time and reason.</summary>
    public ConversationSnapshot CallPerson(HelpReason reason)
    {
        lock (_gate)
        {
            ForgetIfIdle();
            if (_help == HelpStatus.None)
            {
                (_help, _helpReason, _helpSince) = (HelpStatus.Calling, reason, time.GetUtcNow());
                Log.PersonRequested(logger, reason.ToString());
            }

            _lastActivity = time.GetUtcNow();
            return Snapshot();
        }
    }

    public ConversationSnapshot CancelPerson()
    {
        lock (_gate)
        {
            if (_help != HelpStatus.None)
            {
                (_help, _helpReason, _helpSince) = (HelpStatus.None, null, null);
                Log.PersonCancelled(logger);
            }

            _lastActivity = time.GetUtcNow();
            return Snapshot();
        }
    }

    /// <summary>The shopper chose a language on the switch.</summary>
    public void SetLanguage(string language)
    {
        lock (_gate)
        {
            _language = language;
            _lastActivity = time.GetUtcNow();
        }
    }

    public void Clear(string why)
    {
        lock (_gate)
        {
            ClearLocked(why);
        }
    }

    private void ForgetIfIdle()
    {
        // While a person is being called the shopper is waiting, not gone: keep everything.
        if (_help == HelpStatus.None && time.GetUtcNow() - _lastActivity >= options.Value.IdleTimeout && _transcript.Count > 0)
        {
            ClearLocked("idle");
        }
    }

    private void ClearLocked(string why)
    {
        _transcript.Clear();
        (_help, _helpReason, _helpSince) = (HelpStatus.None, null, null);
        _language = options.Value.DefaultLanguage;
        _lastActivity = time.GetUtcNow();
        Log.ConversationCleared(logger, why);
    }
}
