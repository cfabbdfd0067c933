using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// A valid payload the <see cref="BadPayloads"/> generator breaks in every way it knows. The receiver would accept
/// the template itself; each mutation must make it drop the result.
/// </summary>
/// <param name="Name">For failure messages, e.g. <c>chat action</c>.</param>
/// <param name="Valid">The valid payload, as <see cref="ProtocolJson.Encode"/> writes it.</param>
/// <param name="Optional">Paths (<c>a/b/0/c</c>) whose removal leaves the payload valid; every other field is required.</param>
/// <param name="Closed">Paths of strings with a fixed set of values (enums, codes); a value outside the set must be dropped.</param>
/// <param name="Bounded">Paths of numbers with a checked range (counts, revisions, medians); an absurdly large value must be dropped.</param>
public sealed record PayloadTemplate(string Name, byte[] Valid, IReadOnlyList<string> Optional, IReadOnlyList<string> Closed, IReadOnlyList<string> Bounded)
{
    public static PayloadTemplate Of<T>(string name, T message, string[]? optional = null, string[]? closed = null, string[]? bounded = null)
        where T : IProtocolMessage =>
        new(name, ProtocolJson.Encode(message), optional ?? [], closed ?? [], bounded ?? []);

    public override string ToString() => Name;
}
