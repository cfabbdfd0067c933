namespace KioskAssist.FirmwareHost.Pos;

/// <summary>The allow-listed <c>data</c> fields of a POS event; which ones a type may carry is in <see cref="PosEventTypes"/>.</summary>
/// <param name="Method">card, qris, ewallet, paylater or cash.</param>
/// <param name="ReasonCode">The acquirer's ISO 8583 response code (e.g. <c>51</c>).</param>
/// <param name="Amount">The payment's amount, in the currency's unit (rupiah).</param>
/// <param name="Total">The transaction's running total.</param>
/// <param name="Reason">Why a coupon was rejected or the lane locked (a short code, see docs/pos.md).</param>
public sealed record PosEventData(
    string? Method = null,
    string? ReasonCode = null,
    long? Amount = null,
    string? Currency = null,
    int? ItemCount = null,
    long? Total = null,
    int? Quantity = null,
    int? ExpectedGrams = null,
    int? MeasuredGrams = null,
    int? MinimumAge = null,
    string? Reason = null);
