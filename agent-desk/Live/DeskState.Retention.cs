namespace KioskAssist.AgentDesk.Live;

/// <summary>What the desk keeps and for how long (docs/privacy.md, "On the agent desk"): retention and deletion on demand.</summary>
public sealed partial class DeskState
{
    /// <summary>
    /// Forgets every request (transcript, chat, rating, staff alert) that has not changed for <paramref name="retention"/>.
    /// A tombstone keeps the broker's retained copy of the same revision from bringing it back. Returns how many went.
    /// </summary>
    public int ForgetUnchangedFor(TimeSpan retention)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var old = _requests.Where(r => now - r.Value.ChangedAt > retention).Select(r => r.Key).ToList();
            foreach (var key in old)
            {
                ForgetLocked(key);
            }

            foreach (var key in _finished.Where(f => now - f.Value.FinishedAt > retention).Select(f => f.Key).ToList())
            {
                ForgetLocked(key);
            }

            if (old.Count > 0)
            {
                Changed();
            }

            return old.Count;
        }
    }

    /// <summary>An admin's deletion of one request: gone from the desk at once, with its chat and side channels. False when unknown.</summary>
    public bool Forget(RequestKey key)
    {
        lock (_gate)
        {
            var known = _requests.ContainsKey(key) || _finished.ContainsKey(key);
            if (known)
            {
                ForgetLocked(key);
                Changed();
            }

            return known;
        }
    }

    private void ForgetLocked(RequestKey key)
    {
        if (_requests.Remove(key, out var removed))
        {
            _gone[key] = removed.Message.Revision;
            _goneOrder.Enqueue(key);
            while (_goneOrder.Count > MaxTombstones)
            {
                _gone.Remove(_goneOrder.Dequeue());
            }
        }

        _finished.Remove(key);
        _ratings.Remove(key);
        _staffAlerts.Remove(key);
        _staffAcks.Remove(key);
    }
}
