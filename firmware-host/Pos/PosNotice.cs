using KioskAssist.FirmwareHost.Hardware;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>
/// A message the checkout's event put on the screen, in every language offered (the page shows the shopper's current
/// one, so a language switch changes it too). The page hides it while a call is open: it never covers a call.
/// </summary>
/// <param name="Id">The event's id; the page dismisses by it, so a dismissal never hides a newer message.</param>
public sealed record PosNotice(string Id, string Type, string? ReasonCode, IReadOnlyDictionary<string, string> Message, LightPattern Light, PosAction Action, DateTimeOffset At);
