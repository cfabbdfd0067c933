using System.Security.Cryptography;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.Tests.BadInput;

/// <summary>
/// A valid payload of every kind the kiosk or the desk reads, with what <see cref="BadPayloads"/> needs to know of its
/// fields. <see cref="BadPayloadDecodeTests"/> checks that each one decodes, so a broken template cannot make every
/// mutation "dropped" for free.
/// </summary>
public static class ProtocolTemplates
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A chat line from agent "mallory", who is never assigned, so it is refused if it ever decodes.</summary>
    public static PayloadTemplate ChatAction(string requestId, string? actionId = null) => PayloadTemplate.Of("chat action", new AgentActionMessage
    {
        Id = actionId ?? Ids.New(),
        RequestId = requestId,
        Type = AgentActionType.Chat,
        Agent = new AgentRef("mallory", "Mallory"),
        At = T0,
        Text = "Hello <b>there</b>",
    }, closed: ["type"]);

    public static PayloadTemplate ResolveAction(string requestId) => PayloadTemplate.Of("resolve action", new AgentActionMessage
    {
        Id = Ids.New(),
        RequestId = requestId,
        Type = AgentActionType.Resolve,
        Agent = new AgentRef("mallory", "Mallory"),
        At = T0,
        Outcome = "answered",
    }, closed: ["type", "outcome"]);

    public static PayloadTemplate Queue(string site, string kiosk, string requestId) => PayloadTemplate.Of("queue", new QueueMessage(
        T0,
        [new QueueEntry("older-request", "jkt-02", "k01", T0.AddMinutes(-2), Urgent: true), new QueueEntry(requestId, site, kiosk, T0, Urgent: false)],
        AgentsOnline: 2,
        MedianSecondsToClaim: 14.5),
        optional: ["medianSecondsToClaim"], bounded: ["agentsOnline", "medianSecondsToClaim"]);

    public static PayloadTemplate Request(string site, string kiosk, string id, long revision) => PayloadTemplate.Of("request", new HelpRequestMessage
    {
        Id = id,
        Site = site,
        Kiosk = kiosk,
        Reason = HelpReason.LowConfidence,
        Language = "id",
        CreatedAt = T0,
        UpdatedAt = T0.AddSeconds(revision),
        Revision = revision,
        State = HelpState.Assigned,
        Urgent = true,
        Agent = new AgentRef("ana", "Ana"),
        ClaimedAt = T0.AddSeconds(12),
        Transcript =
        [
            new TranscriptLine(T0.AddSeconds(-30), "shopper", "cicilan ditolak <script>window.__pwned=1</script>"),
            new TranscriptLine(T0.AddSeconds(-30), "assistant", "(not sure)", "oos", 0.31f),
        ],
    },
        optional: ["urgent", "claimedAt", "transcript", "transcript/1/intent", "transcript/1/confidence"],
        closed: ["reason", "state", "language", "transcript/0/speaker", "transcript/1/speaker"],
        bounded: ["revision", "transcript/1/confidence"]);

    public static PayloadTemplate Chat(string requestId) => PayloadTemplate.Of("chat", new ChatMessage(
        Ids.New(), requestId, 3, "agent", "Hi <img src=x onerror=alert(1)>", T0.AddSeconds(40), new AgentRef("ana", "Ana")),
        optional: ["agent"], closed: ["from"], bounded: ["sequence"]);

    /// <summary>Offline, so that applying it changes what a desk shows.</summary>
    public static PayloadTemplate Presence(string site, string kiosk) =>
        PayloadTemplate.Of("presence", new PresenceMessage(site, kiosk, "offline", "1.0.0", "2026.11.28.2", T0), closed: ["status"]);

    /// <summary>
    /// A rollout command, signed with <paramref name="key"/> when given (so only the generator's damage can make the kiosk
    /// refuse it), for a version the caller picks (not newer than the active one, so it is refused if it ever decodes).
    /// </summary>
    public static PayloadTemplate Rollout(string site, string kiosk, RolloutKind kind, string version, ECDsa? key = null)
    {
        var command = new RolloutMessage($"rollout-{RolloutSignature.Name(kind)}", site, kiosk, kind, version, new string('a', 64), 1234, T0, null);
        return PayloadTemplate.Of($"{RolloutSignature.Name(kind)} rollout", Signed(command, key), optional: ["signature"], closed: ["kind"], bounded: ["size"]);
    }

    public static PayloadTemplate RolloutAbort(string site, string kiosk, string rolloutId, ECDsa? key = null)
    {
        var abort = new RolloutAbortMessage(rolloutId, site, kiosk, T0, null);
        return PayloadTemplate.Of("rollout abort", key is null ? abort : abort with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(abort)) }, optional: ["signature"]);
    }

    public static RolloutMessage Signed(RolloutMessage command, ECDsa? key) =>
        key is null ? command : command with { Signature = RolloutSignature.Sign(key, RolloutSignature.Canonical(command)) };

    public static PayloadTemplate DeskPresence(string desk) =>
        PayloadTemplate.Of("desk presence", new DeskPresenceMessage(desk, "online", 3, T0), closed: ["status"], bounded: ["agentsOnline"]);
}
