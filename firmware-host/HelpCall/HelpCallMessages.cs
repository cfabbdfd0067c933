using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>
/// The messages a help call sends, on this kiosk's topics (see docs/protocol.md). Builds them only; whoever calls
/// decides when they go. Immutable and thread-safe.
/// </summary>
public sealed class HelpCallMessages(KioskOptions kiosk)
{
    /// <summary>A new open request at revision 1, carrying the last 100 lines of what was said before the call.</summary>
    public HelpRequestMessage NewRequest(HelpReason reason, ConversationSnapshot conversation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return new HelpRequestMessage
        {
            Id = Ids.New(),
            Site = kiosk.Site,
            Kiosk = kiosk.Id,
            Reason = reason,
            Language = conversation.Language,
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
            State = HelpState.Open,
            Transcript = [.. conversation.Transcript.TakeLast(100).Select(ToTranscriptLine)],
            Transaction = conversation.Checkout?.Summary(),
        };
    }

    /// <summary>The request's state, retained so a desk that connects later sees it.</summary>
    public OutboxMessage State(HelpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(Topics.Request(kiosk.Site, kiosk.Id, request.Id), ProtocolJson.Encode(request), Retain: true);
    }

    /// <summary>An empty retained payload after the final state: the broker forgets the ended request.</summary>
    public OutboxMessage Cleared(string requestId) => new(Topics.Request(kiosk.Site, kiosk.Id, requestId), [], Retain: true);

    public OutboxMessage Chat(ChatMessage line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(Topics.Chat(kiosk.Site, kiosk.Id, line.RequestId), ProtocolJson.Encode(line), Retain: false);
    }

    /// <summary>Asks the store's own staff to come; <paramref name="waited"/> is reported in whole seconds.</summary>
    public OutboxMessage StaffAlert(HelpRequestMessage request, TimeSpan waited, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        var alert = new StaffAlertMessage(Ids.New(), request.Id, kiosk.Site, kiosk.Id, request.Reason, (int)waited.TotalSeconds, at);
        return new OutboxMessage(Topics.Staff(kiosk.Site), ProtocolJson.Encode(alert), Retain: false);
    }

    /// <summary>The shopper's rating of a resolved call; QoS 1 through the outbox, not retained.</summary>
    public OutboxMessage Rating(HelpRatingMessage rating)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return new OutboxMessage(Topics.Rating(kiosk.Site, kiosk.Id, rating.RequestId), ProtocolJson.Encode(rating), Retain: false);
    }

    private static TranscriptLine ToTranscriptLine(TranscriptEntry entry) =>
        new(entry.At, entry.Speaker == Speaker.Shopper ? "shopper" : "assistant", Privacy.PersonalDataMask.Apply(entry.Text), entry.Intent, entry.Confidence);
}
