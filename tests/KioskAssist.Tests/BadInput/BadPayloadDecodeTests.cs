using System.Buffers;
using System.Security.Cryptography;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// The generator against <see cref="ProtocolJson"/> directly, without a broker: every template decodes, every payload
/// made from it does not, with the right kind of failure; and the same seed gives the same bytes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BadPayloadDecodeTests
{
    /// <summary>Fleet commands are signed, as kiosks receive them (the signature is one more string to break).</summary>
    private static readonly ECDsa RolloutKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static TheoryData<string> Kinds() => [.. Templates().Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_template_decodes_and_every_payload_made_from_it_is_refused_for_the_right_reason(string kind)
    {
        var (template, decode) = Templates()[kind];
        Assert.Equal((true, DecodeFailure.None, (string?)null), decode(template.Valid));

        var payloads = BadPayloads.For(template, seed: 7);

        Assert.True(payloads.Count > 100, $"only {payloads.Count} payloads");
        var accepted = payloads.Where(p => decode(p.Bytes).Decoded).Select(p => p.Kind).ToList();
        Assert.True(accepted.Count == 0, "decoded: " + string.Join(", ", accepted));
        Assert.All(payloads.Where(p => p.Bytes.Length > ProtocolJson.MaxPayloadBytes), p => Assert.Equal(DecodeFailure.Oversized, decode(p.Bytes).Failure));
        Assert.All(payloads.Where(p => p.Kind.EndsWith("v = 2", StringComparison.Ordinal) || p.Kind.EndsWith("v = 999", StringComparison.Ordinal)),
            p => Assert.Equal(DecodeFailure.UnsupportedVersion, decode(p.Bytes).Failure));
        Assert.Contains(payloads, p => p.Bytes.Length >= BadPayloads.OneMebibyte);
    }

    [Fact]
    public void The_same_seed_gives_the_same_payloads()
    {
        var template = ProtocolTemplates.Request("s", "k", "r", 2);

        var first = BadPayloads.For(template, seed: 11);
        var again = BadPayloads.For(template, seed: 11);
        var other = BadPayloads.For(template, seed: 12);

        Assert.Equal(first.Select(p => (p.Kind, Convert.ToHexString(p.Bytes))), again.Select(p => (p.Kind, Convert.ToHexString(p.Bytes))));
        Assert.NotEqual(first.Select(p => Convert.ToHexString(p.Bytes)), other.Select(p => Convert.ToHexString(p.Bytes)));
    }

    private static Dictionary<string, (PayloadTemplate Template, Func<byte[], (bool Decoded, DecodeFailure Failure, string? Problem)> Decode)> Templates() => new()
    {
        ["chat action"] = (ProtocolTemplates.ChatAction("r1"), Decode<AgentActionMessage>),
        ["resolve action"] = (ProtocolTemplates.ResolveAction("r1"), Decode<AgentActionMessage>),
        ["queue"] = (ProtocolTemplates.Queue("s", "k", "r1"), Decode<QueueMessage>),
        ["request"] = (ProtocolTemplates.Request("s", "k", "r1", 2), Decode<HelpRequestMessage>),
        ["chat"] = (ProtocolTemplates.Chat("r1"), Decode<ChatMessage>),
        ["presence"] = (ProtocolTemplates.Presence("s", "k"), Decode<PresenceMessage>),
        ["desk presence"] = (ProtocolTemplates.DeskPresence("d"), Decode<DeskPresenceMessage>),
        ["model rollout"] = (ProtocolTemplates.Rollout("s", "k", RolloutKind.Model, "2026.1.1", RolloutKey), Decode<RolloutMessage>),
        ["answers rollout"] = (ProtocolTemplates.Rollout("s", "k", RolloutKind.Answers, "2026.1.1", RolloutKey), Decode<RolloutMessage>),
        ["rollout abort"] = (ProtocolTemplates.RolloutAbort("s", "k", "r1", RolloutKey), Decode<RolloutAbortMessage>),
    };

    private static (bool Decoded, DecodeFailure Failure, string? Problem) Decode<T>(byte[] bytes) where T : class, IProtocolMessage =>
        (ProtocolJson.TryDecode<T>(new ReadOnlySequence<byte>(bytes), out _, out var problem, out var failure), failure, problem);
}
