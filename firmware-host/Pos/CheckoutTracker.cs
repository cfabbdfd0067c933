using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;
using KioskAssist.Intent;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// What a POS event means for the shopper: the transaction it belongs to (kept in the conversation, so it clears with
/// the screen and travels with a call), the message the catalogue has for it (not again within
/// <see cref="PosOptions.RepeatWindowSeconds"/>), its action (offer, call a person, call store staff), and the answer
/// to a question asked soon after it.
/// </summary>
/// <remarks>Thread-safe: the transaction changes under the conversation's lock; the repeat memory under its own.</remarks>
public sealed class CheckoutTracker(
    PosCatalogue catalogue, ShopperConversation conversation, HelpCallCoordinator help, IOptions<PosOptions> options, TimeProvider time,
    ILogger<CheckoutTracker> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string?), DateTimeOffset> _shownAt = [];

    /// <summary>Applies an accepted event; returns the message it put on the screen, if any.</summary>
    public PosNotice? Apply(PosEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var now = time.GetUtcNow();
        var entry = catalogue.For(e.Type, e.Data.ReasonCode);
        var notice = entry is not null && FirstInWindow(e, now)
            ? new PosNotice(e.Id, e.Type, e.Data.ReasonCode, entry.Message, entry.Light, entry.Action, now)
            : null;
        conversation.UpdateCheckout(current => PosEventTypes.EndsTransaction(e.Type) ? null : Next(current, e, notice, now));
        Log.PosEventApplied(logger, e.Type, e.Data.ReasonCode ?? "-", notice is null ? "none" : entry!.Action.ToString());
        switch (notice?.Action)
        {
            case PosAction.CallPerson:
                help.Start(HelpReason.Checkout);
                break;
            case PosAction.CallStaff:
                Log.PosStaffCalled(logger, e.Type);
                help.Start(HelpReason.Checkout, staffNeeded: true);
                break;
        }

        return notice;
    }

    /// <summary>The shopper closed the message <paramref name="noticeId"/>; a newer one stays.</summary>
    public bool Dismiss(string noticeId)
    {
        var dismissed = false;
        conversation.UpdateCheckout(current =>
        {
            dismissed = current?.Notice?.Id == noticeId;
            return dismissed ? current! with { Notice = null } : current;
        });
        return dismissed;
    }

    /// <summary>
    /// The answer in the light of the latest event, when the question is about it (an intent its catalogue row names)
    /// or the model could not place it ("why?"), and the event is at most <see cref="PosOptions.ContextSeconds"/> old.
    /// </summary>
    public (string Text, string Intent)? AnswerInContext(string intent, string language)
    {
        if (conversation.Snapshot().Checkout is not { Events.Count: > 0 } checkout
            || time.GetUtcNow() - checkout.ReceivedAt > TimeSpan.FromSeconds(options.Value.ContextSeconds))
        {
            return null;
        }

        var last = checkout.Events[^1];
        if (catalogue.For(last.Type, last.ReasonCode) is not { Answer: { } answer } entry || !answer.TryGetValue(language, out var text))
        {
            return null;
        }

        var about = entry.Intents ?? [];
        return about.Contains(intent) ? (text, intent)
            : intent == IntentModel.OutOfScope ? (text, about.FirstOrDefault() ?? IntentModel.OutOfScope)
            : null;
    }

    private bool FirstInWindow(PosEvent e, DateTimeOffset now)
    {
        lock (_gate)
        {
            var key = (e.Type, e.Data.ReasonCode);
            if (_shownAt.TryGetValue(key, out var at) && now - at < TimeSpan.FromSeconds(options.Value.RepeatWindowSeconds))
            {
                return false;
            }

            _shownAt[key] = now;
            return true;
        }
    }

    private static CheckoutSnapshot Next(CheckoutSnapshot? current, PosEvent e, PosNotice? notice, DateTimeOffset now)
    {
        var c = current is null || e.Type == PosEventTypes.TransactionStarted
            || (e.TransactionId is not null && current.TransactionId is not null && e.TransactionId != current.TransactionId)
            ? CheckoutSnapshot.Empty(e.Lane, now) with { TransactionId = e.TransactionId }
            : current;
        var events = c.Events.Append(new TransactionEvent(e.Type, e.Time, e.Data.ReasonCode)).TakeLast(TransactionSummary.MaxEvents).ToArray();
        return c with
        {
            TransactionId = c.TransactionId ?? e.TransactionId,
            ItemCount = e.Data.ItemCount ?? c.ItemCount,
            Total = e.Data.Total ?? (e.Type == PosEventTypes.PaymentDeclined && c.Total == 0 ? e.Data.Amount ?? 0 : c.Total),
            Currency = e.Data.Currency ?? c.Currency,
            Events = events,
            Notice = notice ?? c.Notice,
            ReceivedAt = now,
        };
    }
}
