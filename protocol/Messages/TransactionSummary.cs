namespace KioskAssist.Protocol.Messages;

/// <summary>
/// What the checkout beside the kiosk reported about the shopper's transaction, carried in a help request so the agent
/// sees "card declined twice (insufficient funds), total Rp 245.000" without asking. Amounts and codes only: never a
/// card number, a name or an item (docs/pos.md, "No card data").
/// </summary>
/// <param name="Lane">The POS lane (this kiosk's id).</param>
/// <param name="ItemCount">Items scanned so far.</param>
/// <param name="Total">The running total in the currency's minor-free unit (rupiah), as the POS reported it.</param>
/// <param name="Currency">ISO 4217, e.g. <c>IDR</c>.</param>
/// <param name="Events">The last events, oldest first (at most <see cref="MaxEvents"/>).</param>
public sealed record TransactionSummary(string Lane, int ItemCount, long Total, string Currency, IReadOnlyList<TransactionEvent> Events)
{
    public const int MaxEvents = 10;

    /// <summary>The largest total accepted (10^12): anything larger is a broken POS, not a basket.</summary>
    public const long MaxTotal = 1_000_000_000_000;

    /// <summary>Null when well-formed, else what is wrong (the field named).</summary>
    public string? Validate() =>
        MessageRules.Id(Lane, "transaction.lane")
        ?? (ItemCount is < 0 or > 10_000 ? "transaction.itemCount must be 0–10000" : null)
        ?? (Total is < 0 or > MaxTotal ? "transaction.total is out of range" : null)
        ?? (Currency is { Length: 3 } && Currency.All(char.IsAsciiLetterUpper) ? null : "transaction.currency must be three capital letters")
        ?? (Events is null || Events.Any(e => e is null) ? "transaction.events is malformed" : null)
        ?? (Events!.Count > MaxEvents ? $"transaction.events has more than {MaxEvents}" : null)
        ?? Events.Select(Check).FirstOrDefault(problem => problem is not null);

    private static string? Check(TransactionEvent e) =>
        (e.Type is { Length: >= 3 and <= 40 } && e.Type.All(c => char.IsAsciiLetterLower(c) || c is '.' or '_') ? null : "transaction event type is malformed")
        ?? (e.ReasonCode is null || (e.ReasonCode.Length is >= 1 and <= 3 && e.ReasonCode.All(char.IsAsciiLetterOrDigit)) ? null : "transaction reasonCode is malformed");
}
