using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// The shopper's transaction as the checkout reported it: part of the conversation, so it is cleared with the screen
/// and goes with a call. Immutable.
/// </summary>
/// <param name="Events">The last <see cref="TransactionSummary.MaxEvents"/> events, oldest first.</param>
/// <param name="Notice">The message on the screen, until dismissed, replaced or the transaction ends.</param>
/// <param name="ReceivedAt">When the kiosk received the last event (its own clock, not the POS's): the context's age.</param>
public sealed record CheckoutSnapshot(
    string Lane, string? TransactionId, int ItemCount, long Total, string Currency, IReadOnlyList<TransactionEvent> Events, PosNotice? Notice,
    DateTimeOffset ReceivedAt)
{
    public static CheckoutSnapshot Empty(string lane, DateTimeOffset now) => new(lane, null, 0, 0, "IDR", [], null, now);

    /// <summary>What a help request carries (docs/protocol.md).</summary>
    public TransactionSummary Summary() => new(Lane, ItemCount, Total, Currency, Events);
}
