namespace KioskAssist.PosSimulator;

/// <summary>The scripted transactions the simulator replays; each starts a transaction with its own id.</summary>
public static class PosScripts
{
    public static readonly string[] Names = ["happy", "declined", "declined-then-success", "age-restricted", "weight-error", "flood"];

    public static IReadOnlyList<PosStep> For(string name) => name switch
    {
        "happy" => [Started, Scan(1, 18_500), Scan(2, 63_000), Scan(3, 245_000), new("transaction.completed", new { itemCount = 3, total = 245_000, currency = "IDR", method = "card" })],
        // Ends at the decline, so the message stays on the kiosk's screen for a shopper (or a demo) to read and ask about.
        "declined" => [Started, Scan(1, 18_500), Scan(2, 63_000), Scan(3, 245_000), Declined("51")],
        "declined-then-success" => [Started, Scan(1, 18_500), Scan(2, 63_000), Scan(3, 245_000), Declined("51"), Declined("51"),
            new("transaction.completed", new { itemCount = 3, total = 245_000, currency = "IDR", method = "qris" })],
        "age-restricted" => [Started, Scan(1, 32_000), new("age_check.required", new { minimumAge = 21 })],
        "weight-error" => [Started, Scan(1, 12_000), new("weight.mismatch", new { expectedGrams = 450, measuredGrams = 1_210 })],
        _ => throw new ArgumentException($"unknown script '{name}'; one of {string.Join(", ", Names)}", nameof(name)),
    };

    public static PosStep Declined(string reasonCode, string method = "card", long amount = 245_000) =>
        new("payment.declined", new { method, reasonCode, amount, currency = "IDR" });

    public static PosStep Scan(int itemCount, long total) => new("item.scanned", new { quantity = 1, itemCount, total, currency = "IDR" });

    private static PosStep Started => new("transaction.started", null);
}
