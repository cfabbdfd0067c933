using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>Everything the touchscreen draws: the conversation, the help call if any, and how the last one ended.</summary>
/// <param name="Online">The kiosk reaches the broker (otherwise a call waits in the outbox).</param>
/// <param name="Version">
/// Grows with every state the kiosk serves, on the event stream and in POST answers alike; a higher one is never older.
/// A page must ignore a state whose version is below the one it shows: an answer to a tap can reach the page after the
/// event stream has already shown something newer (a request already sent, a claim).
/// </param>
public sealed record ScreenState(ConversationSnapshot Conversation, HelpCallView? Help, HelpEnded? LastEnded, bool Online, long Version = 0);
