using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.HelpCall;

namespace KioskAssist.FirmwareHost.Screen;

/// <summary>Everything the touchscreen draws: the conversation, the help call if any, and how the last one ended.</summary>
/// <param name="Online">The kiosk reaches the broker (otherwise a call waits in the outbox).</param>
public sealed record ScreenState(ConversationSnapshot Conversation, HelpCallView? Help, HelpEnded? LastEnded, bool Online);
