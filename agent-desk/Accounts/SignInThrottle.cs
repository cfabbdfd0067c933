namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> wrong passwords for one agent id within
/// <see cref="Window"/>, sign-in for that id is refused until the window has passed. Counted per id, not per address,
/// because behind the reverse proxy every agent arrives from the same address.
/// </summary>
/// <remarks>Thread-safe. In memory: a restart forgets the counts, which is acceptable for a brake, not a lock.</remarks>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Most ids tracked at once; beyond it the oldest entries are forgotten so guessing ids cannot fill memory.</summary>
    private const int MaxTracked = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string agentId)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(agentId, out var entry) && entry.Failures >= MaxFailures && time.GetUtcNow() - entry.Since < Window;
        }
    }

    public void Failed(string agentId)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var entry = _failures.TryGetValue(agentId, out var known) && now - known.Since < Window ? known : (Failures: 0, Since: now);
            _failures[agentId] = (entry.Failures + 1, entry.Since);
            if (_failures.Count > MaxTracked)
            {
                foreach (var old in _failures.Where(e => now - e.Value.Since >= Window).Select(e => e.Key).ToList())
                {
                    _failures.Remove(old);
                }

                if (_failures.Count > MaxTracked)
                {
                    _failures.Remove(_failures.MinBy(e => e.Value.Since).Key);
                }
            }
        }
    }

    public void Succeeded(string agentId)
    {
        lock (_gate)
        {
            _failures.Remove(agentId);
        }
    }
}
