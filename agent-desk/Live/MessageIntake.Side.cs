using System.Buffers;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>The side channels: shopper typing, ratings, store-staff alerts and acknowledgements. Same rules: hostile until checked.</summary>
public sealed partial class MessageIntake
{
    private void HandleTyping(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "typing", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, DropReason.UnknownTopic, "not a typing topic");
            return;
        }

        if (!TryDecode<ShopperTypingMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.RequestId != requestId)
        {
            Drop(topic, DropReason.Mismatched, "the typing hint names another request than its topic");
            return;
        }

        _ = Applied(topic, state.ApplyTyping(new RequestKey(site, kiosk, requestId), message));
    }

    private void HandleRating(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "ratings", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, DropReason.UnknownTopic, "not a rating topic");
            return;
        }

        if (!TryDecode<HelpRatingMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.Site != site || message.Kiosk != kiosk || message.RequestId != requestId)
        {
            Drop(topic, DropReason.Mismatched, "the rating names another request than its topic");
            return;
        }

        if (Applied(topic, state.ApplyRating(message)))
        {
            Log.RatingReceived(logger, requestId, site, kiosk, message.Score);
        }
    }

    private void HandleStaffAlert(string topic, ReadOnlySequence<byte> payload)
    {
        var parts = topic.Split('/');
        if (parts.Length != 4 || !Ids.IsValid(parts[3]))
        {
            Drop(topic, DropReason.UnknownTopic, "not a staff topic");
            return;
        }

        if (!TryDecode<StaffAlertMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.Site != parts[3])
        {
            Drop(topic, DropReason.Mismatched, "the staff alert names another site than its topic");
            return;
        }

        if (Applied(topic, state.ApplyStaffAlert(message)))
        {
            Log.StaffAlertReceived(logger, message.RequestId, message.Site, message.Kiosk, message.Reason.ToString());
        }
    }

    private void HandleStaffAck(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "staffack", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, DropReason.UnknownTopic, "not a staff acknowledgement topic");
            return;
        }

        if (!TryDecode<StaffAckMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.Site != site || message.Kiosk != kiosk || message.RequestId != requestId)
        {
            Drop(topic, DropReason.Mismatched, "the acknowledgement names another request than its topic");
            return;
        }

        _ = Applied(topic, state.ApplyStaffAck(message));
    }
}
