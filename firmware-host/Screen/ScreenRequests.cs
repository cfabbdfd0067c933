using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>A typed question from the page.</summary>
public sealed record AskRequest(string? Text, string? Language);

/// <summary>A tap on a common-question button.</summary>
public sealed record QuickRequest(string? Intent, string? Language);

/// <summary>The shopper switched language.</summary>
public sealed record LanguageRequest(string? Language);

/// <summary>The shopper asked for a person; the reason says which button.</summary>
public sealed record HelpRequest(HelpReason? Reason);

/// <summary>A chat line to the agent.</summary>
public sealed record ChatRequest(string? Text);

/// <summary>The shopper's one-tap rating of the call that just ended (1 = not helped, 2 = okay, 3 = helped well).</summary>
public sealed record RatingRequest(string? RequestId, int? Score);
