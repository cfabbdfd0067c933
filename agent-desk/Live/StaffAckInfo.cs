using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>Who of the store's staff said "I'm on my way" for a request, and when (the first acknowledgement wins).</summary>
public sealed record StaffAckInfo(StaffRef Staff, DateTimeOffset At);
