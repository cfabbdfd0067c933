using System.Buffers;

namespace KioskAssist.FirmwareHost.Broker;

/// <summary>
/// One row of the kiosk's topic table: which topics it takes and what handles them. The first row that matches wins;
/// a topic no row takes is counted and dropped as unknown.
/// </summary>
/// <param name="Name">What the row is for, for readers and logs.</param>
/// <param name="Matches">True for the topics this row takes.</param>
/// <param name="Handle">Decodes, validates, counts and acts on one message of those topics.</param>
internal sealed record TopicRoute(string Name, Func<string, bool> Matches, Action<string, ReadOnlySequence<byte>> Handle);
