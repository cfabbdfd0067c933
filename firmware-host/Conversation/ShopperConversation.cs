using KioskAssist.FirmwareHost.Pos;
using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Conversation;

/// <summary>
/// The one conversation on this kiosk's screen. A kiosk serves one shopper at a time, so this is a singleton.
/// After <see cref="ScreenOptions.IdleTimeout"/> without activity it forgets everything, so the next shopper
/// never sees the last one's questions — except while it is held (a person is being called: the shopper is
/// waiting, not gone).
/// </summary>
/// <remarks>Thread-safe: every member takes the same lock; snapshots are copies.</remarks>
public sealed class ShopperConversation(TimeProvider time, IOptions<ScreenOptions> options, ILogger<ShopperConversation> logger)
{
    private readonly Lock _gate = new();
    private readonly List<TranscriptEntry> _transcript = [];
    private DateTimeOffset _lastActivity = time.GetUtcNow();
    private string _language = options.Value.DefaultLanguage;
    private bool _held;
    private CheckoutSnapshot? _checkout;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Raised when the conversation was cleared (idle or finished), so the screen can follow.</summary>
    public event Action? Cleared;

    /// <summary>Raised after the checkout's transaction changed (a POS event, a dismissed message), so the screen and light follow.</summary>
    public event Action? CheckoutChanged;

    public ConversationSnapshot Snapshot()
    {
        var cleared = false;
        ConversationSnapshot snapshot;
        lock (_gate)
        {
            cleared = ForgetIfIdle();
            snapshot = new ConversationSnapshot([.. _transcript], _language, _checkout);
        }

        if (cleared)
        {
            Cleared?.Invoke();
        }

        return snapshot;
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

    /// <summary>The shopper chose a language on the switch.</summary>
    public void SetLanguage(string language)
    {
        lock (_gate)
        {
            _language = language;
            _lastActivity = time.GetUtcNow();
        }
    }

    /// <summary>
    /// Changes the checkout's transaction under the conversation's lock (a POS event is activity: the idle clock
    /// restarts). <paramref name="update"/> gets null when there is none (none yet, or the screen cleared it).
    /// </summary>
    public CheckoutSnapshot? UpdateCheckout(Func<CheckoutSnapshot?, CheckoutSnapshot?> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        CheckoutSnapshot? checkout;
        lock (_gate)
        {
            ForgetIfIdle();
            _checkout = update(_checkout);
            _lastActivity = time.GetUtcNow();
            checkout = _checkout;
        }

        CheckoutChanged?.Invoke();
        return checkout;
    }

    /// <summary>Keeps the conversation whatever the idle time (a person is on the way).</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _held = true;
        }
    }

    /// <summary>Ends a hold; the idle timeout counts from now.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held = false;
            _lastActivity = time.GetUtcNow();
        }
    }

    public void Clear(string why)
    {
        lock (_gate)
        {
            ClearLocked(why);
        }

        Cleared?.Invoke();
    }

    private bool ForgetIfIdle()
    {
        if (_held || (_transcript.Count == 0 && _checkout is null) || time.GetUtcNow() - _lastActivity < options.Value.IdleTimeout)
        {
            return false;
        }

        ClearLocked("idle");
        return true;
    }

    private void ClearLocked(string why)
    {
        _transcript.Clear();
        _checkout = null; // the transaction's context expires with the screen
        _language = options.Value.DefaultLanguage;
        _lastActivity = time.GetUtcNow();
        Log.ConversationCleared(logger, why);
    }
}
