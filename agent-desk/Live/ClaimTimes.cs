using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// The last claims the desk saw (seconds from a request's creation to its claim) and their median, which kiosks
/// use for their estimate. Each claim counts once, however often its state is redelivered. Not thread-safe:
/// <see cref="DeskState"/> calls it under its lock.
/// </summary>
public sealed class ClaimTimes(int keep = 20)
{
    private readonly Queue<(RequestKey Key, DateTimeOffset ClaimedAt)> _order = new();
    private readonly Dictionary<(RequestKey, DateTimeOffset), double> _seconds = [];

    public int Count => _order.Count;

    /// <summary>Records a claim unless this one (request and claim time) was recorded already.</summary>
    public void Record(RequestKey key, DateTimeOffset createdAt, DateTimeOffset claimedAt)
    {
        var seconds = Math.Max(0, (claimedAt - createdAt).TotalSeconds);
        if (seconds > QueueMessage.MaxSecondsToClaim)
        {
            return; // a kiosk's clock or a hostile peer; kiosks would drop a queue whose median it made absurd
        }

        if (!_seconds.TryAdd((key, claimedAt), seconds))
        {
            return;
        }

        _order.Enqueue((key, claimedAt));
        while (_order.Count > keep)
        {
            _seconds.Remove(_order.Dequeue());
        }
    }

    /// <summary>The median of the recorded claims in seconds, or null before the first.</summary>
    public double? Median()
    {
        if (_seconds.Count == 0)
        {
            return null;
        }

        var sorted = _seconds.Values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
