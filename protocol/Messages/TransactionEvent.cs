namespace KioskAssist.Protocol.Messages;

/// <summary>One point-of-sale event in a <see cref="TransactionSummary"/>: what happened, when, and the acquirer's code.</summary>
/// <param name="Type">The event type without the <c>kioskassist.pos.</c> prefix, e.g. <c>payment.declined</c>.</param>
/// <param name="ReasonCode">For declined payments: the ISO 8583 response code (two characters, e.g. <c>51</c>).</param>
public sealed record TransactionEvent(string Type, DateTimeOffset At, string? ReasonCode = null);
