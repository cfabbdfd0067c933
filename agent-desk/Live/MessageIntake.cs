using System.Buffers;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// Turns what the broker delivers into <see cref="DeskState"/> changes. Every payload is hostile until decoded and
/// checked against its topic; anything wrong is logged, counted in <see cref="DropCounters"/> and dropped. Never throws
/// for bad input, so nothing a peer sends can take the desk down.
/// </summary>
public sealed partial class MessageIntake(DeskState state, DropCounters drops, ILogger<MessageIntake> logger)
{
    private const string Prefix = Topics.Root + "/";

    public void Handle(string topic, ReadOnlySequence<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var kind = topic.StartsWith(Prefix, StringComparison.Ordinal) ? topic[Prefix.Length..].Split('/')[0] : string.Empty;
        switch (kind)
        {
            case "requests":
                HandleRequest(topic, payload);
                break;
            case "chat":
                HandleChat(topic, payload);
                break;
            case "presence":
                HandlePresence(topic, payload);
                break;
            case "desks":
                HandleDesk(topic, payload);
                break;
            case "typing":
                HandleTyping(topic, payload);
                break;
            case "ratings":
                HandleRating(topic, payload);
                break;
            case "staff":
                HandleStaffAlert(topic, payload);
                break;
            case "staffack":
                HandleStaffAck(topic, payload);
                break;
            default:
                Drop(topic, DropReason.UnknownTopic, "not a topic the desk reads");
                break;
        }
    }

    private void HandleRequest(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "requests", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, DropReason.UnknownTopic, "not a request topic");
            return;
        }

        var key = new RequestKey(site, kiosk, requestId);
        if (payload.IsEmpty)
        {
            // The kiosk cleared a finished request's retained message: it is gone.
            if (state.RemoveRequest(key))
            {
                Log.RequestGone(logger, requestId, site, kiosk);
            }

            return;
        }

        if (!TryDecode<HelpRequestMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.Site != site || message.Kiosk != kiosk || message.Id != requestId)
        {
            Drop(topic, DropReason.Mismatched, "the payload names another request than its topic");
            return;
        }

        if (Applied(topic, state.ApplyRequest(message)))
        {
            Log.RequestUpdated(logger, requestId, site, kiosk, message.State.ToString(), message.Revision);
        }
    }

    private void HandleChat(string topic, ReadOnlySequence<byte> payload)
    {
        if (!Topics.TryParseRequestTopic(topic, "chat", out var site, out var kiosk, out var requestId))
        {
            Drop(topic, DropReason.UnknownTopic, "not a chat topic");
            return;
        }

        if (!TryDecode<ChatMessage>(topic, payload, out var message))
        {
            return;
        }

        if (message.RequestId != requestId)
        {
            Drop(topic, DropReason.Mismatched, "the chat line names another request than its topic");
            return;
        }

        _ = Applied(topic, state.ApplyChat(new RequestKey(site, kiosk, requestId), message));
    }

    private void HandlePresence(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return; // a cleared retained presence: nothing to show
        }

        if (TryDecode<PresenceMessage>(topic, payload, out var message))
        {
            if (topic != Topics.Presence(message.Site, message.Kiosk))
            {
                Drop(topic, DropReason.Mismatched, "the presence names another kiosk than its topic");
                return;
            }

            state.ApplyPresence(message);
            drops.CountAccepted();
        }
    }

    private void HandleDesk(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        if (TryDecode<DeskPresenceMessage>(topic, payload, out var message))
        {
            if (topic != Topics.DeskPresence(message.Desk))
            {
                Drop(topic, DropReason.Mismatched, "the presence names another desk than its topic");
                return;
            }

            state.ApplyDeskPresence(message);
            drops.CountAccepted();
        }
    }

    private bool TryDecode<T>(string topic, ReadOnlySequence<byte> payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? message)
        where T : class, IProtocolMessage
    {
        if (ProtocolJson.TryDecode(payload, out message, out var problem, out var failure))
        {
            return true;
        }

        Drop(topic, failure switch
        {
            DecodeFailure.Oversized => DropReason.Oversized,
            DecodeFailure.UnsupportedVersion => DropReason.UnsupportedVersion,
            _ => DropReason.Malformed,
        }, problem);
        return false;
    }

    private bool Applied(string topic, ApplyResult result)
    {
        if (result.Dropped is { } reason)
        {
            // Duplicates and old revisions are normal under at-least-once delivery: counted, not warned about.
            drops.Count(reason);
            Log.MessageIgnored(logger, topic, reason.ToString());
        }
        else
        {
            drops.CountAccepted();
        }

        return result.WasApplied;
    }

    private void Drop(string topic, DropReason reason, string problem)
    {
        drops.Count(reason);
        Log.MessageDropped(logger, topic, reason.ToString(), problem);
    }
}
