using KioskAssist.Protocol.Messages;

namespace KioskAssist.AgentDesk.Live;

/// <summary>
/// The side channels of <see cref="DeskState"/>: shopper typing hints, ratings, store-staff alerts and their
/// acknowledgements, and the recently finished requests an agent still reads (the kiosk clears a request's retained
/// state the moment it ends, so without this a shopper's cancel would make the agent's pane vanish mid-sentence).
/// </summary>
public sealed partial class DeskState
{
    /// <summary>How long an ended request stays in <see cref="DeskView.Finished"/>: an agent's working day.</summary>
    public static readonly TimeSpan FinishedKeptFor = TimeSpan.FromHours(16);

    /// <summary>How long a staff alert stays on staff phones: long after any shopper has left the kiosk.</summary>
    public static readonly TimeSpan StaffAlertKeptFor = TimeSpan.FromHours(2);

    /// <summary>Bounds on everything kept per request here, so a flood of ids cannot grow the desk's memory.</summary>
    private const int MaxKept = 2000;

    private const int MaxShopperLines = 3;
    private const int MaxShopperLineLength = 160;

    private readonly Dictionary<RequestKey, RequestSummary> _finished = [];
    private readonly Dictionary<RequestKey, HelpRatingMessage> _ratings = [];
    private readonly Dictionary<RequestKey, StaffAlertEntry> _staffAlerts = [];
    private readonly Dictionary<RequestKey, StaffAckInfo> _staffAcks = [];
    private readonly HashSet<string> _sideIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _sideIdOrder = new();

    /// <summary>The kiosk says the shopper of this request is typing. Unknown requests are dropped.</summary>
    public ApplyResult ApplyTyping(RequestKey key, ShopperTypingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_requests.TryGetValue(key, out var request))
            {
                return ApplyResult.Drop(DropReason.UnknownRequest);
            }

            if (request.ShopperTypingAt is { } last && message.At <= last)
            {
                return ApplyResult.Drop(DropReason.Stale);
            }

            // The kiosk's clock stamps the hint, but the page times 6 s from when it arrived: clocks differ.
            request.ShopperTypingAt = time.GetUtcNow();
            Changed();
            return ApplyResult.Applied;
        }
    }

    /// <summary>A shopper's rating; each rating id counts once, and a request keeps its first rating.</summary>
    public ApplyResult ApplyRating(HelpRatingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new RequestKey(message.Site, message.Kiosk, message.RequestId);
        lock (_gate)
        {
            if (!RememberIdLocked(message.Id) || _ratings.ContainsKey(key))
            {
                return ApplyResult.Drop(DropReason.Duplicate);
            }

            if (_ratings.Count >= MaxKept)
            {
                _ratings.Remove(_ratings.MinBy(r => r.Value.At).Key);
            }

            _ratings[key] = message;
            if (_finished.TryGetValue(key, out var finished))
            {
                _finished[key] = finished with { Rating = message.Score };
            }

            Changed();
            return ApplyResult.Applied;
        }
    }

    /// <summary>A kiosk asked its store's staff for help; a later alert for the same request replaces the earlier one.</summary>
    public ApplyResult ApplyStaffAlert(StaffAlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new RequestKey(message.Site, message.Kiosk, message.RequestId);
        lock (_gate)
        {
            if (!RememberIdLocked(message.Id))
            {
                return ApplyResult.Drop(DropReason.Duplicate);
            }

            if (_staffAlerts.TryGetValue(key, out var known) && known.Alert.At > message.At)
            {
                return ApplyResult.Drop(DropReason.Stale);
            }

            PruneStaffAlertsLocked();
            _staffAlerts[key] = new StaffAlertEntry(message, _requests.TryGetValue(key, out var request) ? request.Message.Language : known?.Language);
            Changed();
            return ApplyResult.Applied;
        }
    }

    /// <summary>A staff member's "I'm on my way" (from this desk or another): the first one per request is kept.</summary>
    public ApplyResult ApplyStaffAck(StaffAckMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = new RequestKey(message.Site, message.Kiosk, message.RequestId);
        lock (_gate)
        {
            if (!RememberIdLocked(message.Id))
            {
                return ApplyResult.Drop(DropReason.Duplicate);
            }

            if (_staffAcks.ContainsKey(key))
            {
                return ApplyResult.Drop(DropReason.Stale); // someone is already walking over
            }

            if (_staffAcks.Count >= MaxKept)
            {
                _staffAcks.Remove(_staffAcks.MinBy(a => a.Value.At).Key);
            }

            _staffAcks[key] = new StaffAckInfo(message.Staff, message.At);
            if (_finished.TryGetValue(key, out var finished))
            {
                _finished[key] = finished with { StaffAck = _staffAcks[key] };
            }

            Changed();
            return ApplyResult.Applied;
        }
    }

    /// <summary>How long any finished request stays in everyone's view, so an open pane learns how its request ended.</summary>
    public static readonly TimeSpan FinishedShownToAllFor = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <see cref="View"/> for one agent: of the finished requests only their own (their day and its ratings) and any
    /// that ended in the last minutes. Every agent's whole day would make each push large for nothing.
    /// </summary>
    public DeskView ViewFor(string agentId)
    {
        var view = View();
        return view with
        {
            Finished = [.. view.Finished.Where(f => f.Agent?.Id == agentId || view.Now - f.FinishedAt <= FinishedShownToAllFor)],
        };
    }

    /// <summary>The staff alert for a request, if this desk has it.</summary>
    public StaffAlertMessage? FindStaffAlert(RequestKey key)
    {
        lock (_gate)
        {
            return _staffAlerts.GetValueOrDefault(key)?.Alert;
        }
    }

    /// <summary>Who already acknowledged a request, if anyone.</summary>
    public StaffAckInfo? FindStaffAck(RequestKey key)
    {
        lock (_gate)
        {
            return _staffAcks.GetValueOrDefault(key);
        }
    }

    /// <summary>One site's alerts, newest first, for that site's staff; never another site's.</summary>
    public StaffView StaffViewFor(string site)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return new StaffView(
                Version,
                now,
                _brokerConnected,
                site,
                [.. _staffAlerts
                    .Where(a => a.Key.Site == site && now - a.Value.Alert.At <= StaffAlertKeptFor)
                    .OrderByDescending(a => a.Value.Alert.At)
                    .Select(a => StaffAlertLocked(a.Key, a.Value))]);
        }
    }

    private StaffAlertView StaffAlertLocked(RequestKey key, StaffAlertEntry entry)
    {
        var alert = entry.Alert;
        _requests.TryGetValue(key, out var request);
        // A few of the shopper's own words (never the assistant's), newest last, so staff know what to bring.
        IReadOnlyList<string> said = request is null ? [] :
            [.. request.Message.Transcript.Where(l => l.Speaker == "shopper").TakeLast(MaxShopperLines)
                .Select(l => l.Text.Length > MaxShopperLineLength ? l.Text[..MaxShopperLineLength] + "…" : l.Text)];
        return new StaffAlertView(
            alert.RequestId, alert.Site, alert.Kiosk, alert.Reason, alert.WaitedSeconds, alert.At,
            request?.Message.Language ?? entry.Language, request?.Message.State, said, _staffAcks.GetValueOrDefault(key));
    }

    private void RememberFinishedLocked(RequestKey key, TrackedRequest removed)
    {
        var now = time.GetUtcNow();
        foreach (var old in _finished.Where(f => now - f.Value.FinishedAt > FinishedKeptFor).Select(f => f.Key).ToList())
        {
            _finished.Remove(old);
        }

        if (_finished.Count >= MaxKept)
        {
            _finished.Remove(_finished.MinBy(f => f.Value.FinishedAt).Key);
        }

        _finished[key] = SummaryLocked(removed) with { FinishedAt = now, ShopperTypingAt = null };
    }

    private List<RequestSummary> FinishedLocked()
    {
        var now = time.GetUtcNow();
        return [.. _finished.Values.Where(f => now - f.FinishedAt <= FinishedKeptFor).OrderByDescending(f => f.FinishedAt)];
    }

    private void PruneStaffAlertsLocked()
    {
        var now = time.GetUtcNow();
        foreach (var old in _staffAlerts.Where(a => now - a.Value.Alert.At > StaffAlertKeptFor).Select(a => a.Key).ToList())
        {
            _staffAlerts.Remove(old);
        }

        if (_staffAlerts.Count >= MaxKept)
        {
            _staffAlerts.Remove(_staffAlerts.MinBy(a => a.Value.Alert.At).Key);
        }
    }

    /// <summary>Ids of ratings, alerts and acks already applied (bounded): at-least-once delivery repeats them.</summary>
    private bool RememberIdLocked(string id)
    {
        if (!_sideIds.Add(id))
        {
            return false;
        }

        _sideIdOrder.Enqueue(id);
        while (_sideIdOrder.Count > MaxKept * 4)
        {
            _sideIds.Remove(_sideIdOrder.Dequeue());
        }

        return true;
    }

    /// <summary>A staff alert and the shopper's language (kept in case the request ends before staff look).</summary>
    private sealed record StaffAlertEntry(StaffAlertMessage Alert, string? Language);
}
