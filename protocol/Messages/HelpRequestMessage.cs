using System.Text.Json.Serialization;

namespace KioskAssist.Protocol.Messages;

/// <summary>
/// The full state of one help request, retained on <see cref="Topics.Request"/>. Each change increments
/// <see cref="Revision"/>; a receiver ignores a revision it has already seen (at-least-once delivery, reconnects).
/// Holds no personal data: the transcript is what was typed at a public kiosk about checking out.
/// </summary>
public sealed record HelpRequestMessage : IProtocolMessage
{
    public int V { get; init; } = ProtocolVersion.Current;

    public required string Id { get; init; }

    public required string Site { get; init; }

    public required string Kiosk { get; init; }

    public required HelpReason Reason { get; init; }

    /// <summary>The shopper's language (BCP 47 primary tag, e.g. <c>en</c>, <c>id</c>).</summary>
    public required string Language { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required long Revision { get; init; }

    public required HelpState State { get; init; }

    /// <summary>No agent claimed it within the first escalation step; desks show it first and highlighted.</summary>
    public bool Urgent { get; init; }

    public AgentRef? Agent { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>For <see cref="HelpState.Resolved"/>: the agent's outcome code.</summary>
    public string? Outcome { get; init; }

    public IReadOnlyList<TranscriptLine> Transcript { get; init; } = [];

    /// <summary>What the checkout reported in the shopper's transaction, when a POS is connected (docs/pos.md). Optional.</summary>
    public TransactionSummary? Transaction { get; init; }

    [JsonIgnore] // derived from State, so not on the wire
    public bool IsFinished => State is HelpState.Resolved or HelpState.Cancelled or HelpState.Expired;

    public string? Validate() =>
        MessageRules.Version(V)
        ?? MessageRules.Id(Id, "id") ?? MessageRules.Id(Site, "site") ?? MessageRules.Id(Kiosk, "kiosk")
        ?? MessageRules.Language(Language)
        ?? (Revision < 1 ? "revision must be positive" : null)
        ?? (Agent is { } agent ? MessageRules.Id(agent.Id, "agent.id") ?? MessageRules.Text(agent.Name, "agent.name", MessageRules.MaxNameLength) : null)
        ?? (State is HelpState.Assigned or HelpState.Connected && Agent is null ? $"state {State} needs an agent" : null)
        ?? (Transcript is null || Transcript.Any(line => line is null) ? "transcript is malformed" : null)
        ?? (Transcript!.Count > MessageRules.MaxTranscriptLines ? "transcript too long" : null)
        ?? Transcript.Select(Check).FirstOrDefault(e => e is not null)
        ?? Transaction?.Validate();

    private static string? Check(TranscriptLine line) =>
        MessageRules.Text(line.Text, "transcript text", MessageRules.MaxTextLength)
        ?? (line.Speaker is "shopper" or "assistant" ? null : "transcript speaker must be shopper or assistant")
        ?? (line.Confidence is null or (>= 0 and <= 1) ? null : "transcript confidence must be 0–1");
}
