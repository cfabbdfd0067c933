using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;

namespace KioskAssist.FirmwareHost.HelpCall;

/// <summary>After the call is raised and after it ends: store staff on their way, the shopper's rating.</summary>
public sealed partial class HelpCallCoordinator
{
    /// <summary>
    /// The shopper's rating (1..3) of the last call an agent resolved, once: saved to the outbox as a
    /// <see cref="HelpRatingMessage"/> and counted for the fleet.
    /// </summary>
    public RatingResult Rate(string requestId, int score)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (score is < HelpRatingMessage.MinScore or > HelpRatingMessage.MaxScore)
        {
            return RatingResult.BadScore;
        }

        lock (_gate)
        {
            if (_call is not null || _lastEnded is not { Ratable: true } ended || ended.RequestId != requestId)
            {
                Log.RatingRefused(_logger, requestId, "not the last resolved call, or already rated");
                return RatingResult.NotRatable;
            }

            var now = _time.GetUtcNow();
            var rating = new HelpRatingMessage(Ids.New(), requestId, _kiosk.Site, _kiosk.Id, _lastEndedAgent, score, now);
            _persistence.Send([_messages.Rating(rating)]);
            _lastEnded = ended with { Rating = score };
            _metrics.Rated(score);
            Log.HelpRated(_logger, requestId, score);
        }

        Changed?.Invoke();
        return RatingResult.Rated;
    }

    /// <summary>A new shopper: the last one's end message (and its rating offer) is not theirs to see.</summary>
    public void ForgetLastEnded()
    {
        lock (_gate)
        {
            if (_lastEnded is null)
            {
                return;
            }

            _lastEnded = null;
            _lastEndedAgent = null;
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// A store-staff member's "I'm on my way" from <c>ka/v1/staffack/{site}/{kiosk}/{request}</c>. The first one for the
    /// active call is saved with it (who, when) and shown; a redelivery of it is a duplicate; any later one is refused.
    /// </summary>
    public ActionResult ApplyStaffAck(StaffAckMessage ack, string topicRequestId)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ActionResult result;
        lock (_gate)
        {
            if (_call is not { } call || ack.RequestId != call.Request.Id || topicRequestId != call.Request.Id)
            {
                result = ActionResult.UnknownRequest;
            }
            else if (ack.Site != _kiosk.Site || ack.Kiosk != _kiosk.Id)
            {
                result = ActionResult.Refused;
            }
            else if (call.Staff is { } staff)
            {
                result = staff.AckId == ack.Id ? ActionResult.Duplicate : ActionResult.Refused;
            }
            else
            {
                var now = _time.GetUtcNow();
                Save(call with { Staff = new HelpStaff(ack.Staff.Id, ack.Staff.Name.Trim(), now, ack.Id) }, []);
                Log.StaffAcknowledged(_logger, call.Request.Id, ack.Staff.Id, (int)(now - call.Request.CreatedAt).TotalSeconds);
                result = ActionResult.Applied;
            }
        }

        if (result != ActionResult.Applied)
        {
            Log.StaffAckNotApplied(_logger, ack.Id, ack.Staff.Id, ack.RequestId, result.ToString());
        }
        else
        {
            Changed?.Invoke();
        }

        return result;
    }
}
