namespace KioskAssist.FirmwareHost.Pos;

/// <summary>A point-of-sale event that passed every check (docs/pos.md): only allow-listed fields, no card data.</summary>
/// <param name="Type">The type without the <c>kioskassist.pos.</c> prefix, e.g. <c>payment.declined</c>.</param>
/// <param name="TransactionId">The CloudEvents <c>subject</c>: the POS's transaction id, when it sent one.</param>
public sealed record PosEvent(string Id, string Lane, string Type, DateTimeOffset Time, string? TransactionId, PosEventData Data);
