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
