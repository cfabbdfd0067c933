using System.Collections.Frozen;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// The event types a POS may send and, for each, the <c>data</c> fields it may carry (and which it must). Anything
/// else is refused: an allow-list is what keeps card data, names and basket contents off the kiosk (docs/pos.md).
/// </summary>
public static class PosEventTypes
{
    public const string Prefix = "kioskassist.pos.";

    public const string TransactionStarted = "transaction.started";
    public const string TransactionCompleted = "transaction.completed";
    public const string TransactionCancelled = "transaction.cancelled";
    public const string ItemScanned = "item.scanned";
    public const string ItemNotFound = "item.not_found";
    public const string UnexpectedItem = "bagging.unexpected_item";
    public const string WeightMismatch = "weight.mismatch";
    public const string AgeCheckRequired = "age_check.required";
    public const string PaymentDeclined = "payment.declined";
    public const string PaymentTimeout = "payment.timeout";
    public const string CouponRejected = "coupon.rejected";
    public const string LaneLocked = "lane.locked";

    /// <summary>Payment methods a POS may name.</summary>
    public static readonly FrozenSet<string> Methods = FrozenSet.ToFrozenSet(["card", "qris", "ewallet", "paylater", "cash"], StringComparer.Ordinal);

    /// <summary>Why a coupon was rejected.</summary>
    public static readonly FrozenSet<string> CouponReasons = FrozenSet.ToFrozenSet(["expired", "not_applicable", "already_used", "minimum_not_met", "other"], StringComparer.Ordinal);

    /// <summary>Why the lane locked.</summary>
    public static readonly FrozenSet<string> LockReasons = FrozenSet.ToFrozenSet(["interventions", "weight", "security", "staff", "other"], StringComparer.Ordinal);

    /// <summary>Type → (field → required). A field not listed for the type is refused.</summary>
    public static readonly FrozenDictionary<string, FrozenDictionary<string, bool>> Fields = new Dictionary<string, FrozenDictionary<string, bool>>
    {
        [TransactionStarted] = Allow(),
        [TransactionCompleted] = Allow(("itemCount", false), ("total", false), ("currency", false), ("method", false)),
        [TransactionCancelled] = Allow(),
        [ItemScanned] = Allow(("quantity", false), ("itemCount", true), ("total", true), ("currency", true)),
        [ItemNotFound] = Allow(),
        [UnexpectedItem] = Allow(),
        [WeightMismatch] = Allow(("expectedGrams", false), ("measuredGrams", false)),
        [AgeCheckRequired] = Allow(("minimumAge", false)),
        [PaymentDeclined] = Allow(("method", true), ("reasonCode", true), ("amount", true), ("currency", true)),
        [PaymentTimeout] = Allow(("method", true), ("amount", false), ("currency", false)),
        [CouponRejected] = Allow(("reason", false)),
        [LaneLocked] = Allow(("reason", false)),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The transaction is over: its context and any message about it go.</summary>
    public static bool EndsTransaction(string type) => type is TransactionCompleted or TransactionCancelled;

    private static FrozenDictionary<string, bool> Allow(params (string Field, bool Required)[] fields) =>
        fields.ToFrozenDictionary(f => f.Field, f => f.Required, StringComparer.Ordinal);
}
