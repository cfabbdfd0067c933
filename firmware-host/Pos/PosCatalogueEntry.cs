using KioskAssist.FirmwareHost.Hardware;

namespace KioskAssist.FirmwareHost.Pos;

/// <summary>One row of <c>pos-events.json</c>: what the kiosk says and does for an event type (and reason code).</summary>
/// <param name="ReasonCode">Null: the row for every code without its own row (the generic answer).</param>
/// <param name="Message">Language → the message on the screen.</param>
/// <param name="Answer">Language → the answer to a question about it asked soon after (null: the usual answers).</param>
/// <param name="Intents">The intents answered with <paramref name="Answer"/> instead of their usual answer while the event is fresh.</param>
public sealed record PosCatalogueEntry(
    string Type,
    string? ReasonCode,
    Dictionary<string, string> Message,
    Dictionary<string, string>? Answer,
    LightPattern Light = LightPattern.Off,
    PosAction Action = PosAction.None,
    List<string>? Intents = null);
