namespace KioskAssist.AgentDesk.Accounts;

/// <summary>
/// Slows password guessing without letting a stranger lock an agent out. Three limits, each over <see cref="Window"/>:
/// <list type="bullet">
/// <item>wrong passwords for one account <em>from one client address</em> (<see cref="MaxPerAccountAndAddress"/>):
/// a stranger's guesses block the stranger, not the agent signing in from elsewhere;</item>
/// <item>wrong passwords from one address across all ids (<see cref="MaxPerAddress"/>), so spraying many ids is slowed;</item>
/// <item>wrong passwords from everywhere together (<see cref="MaxOverall"/>), against guessing spread over many addresses.
/// An address that signed in successfully within <see cref="TrustedFor"/> passes this one, so even a flood from
/// elsewhere does not lock out agents who were working.</item>
/// </list>
/// The client address is the one the forwarded-headers middleware settled on: it comes from a trusted proxy's
/// <c>X-Forwarded-For</c> or is the connection's own (see <c>Desk:KnownProxies</c>).
/// </summary>
/// <remarks>Thread-safe. In memory and bounded: a restart forgets the counts, which is acceptable for a brake.</remarks>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxPerAccountAndAddress = 5;
    public const int MaxPerAddress = 20;
    public const int MaxOverall = 200;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan TrustedFor = TimeSpan.FromHours(12);

    /// <summary>Most counters kept at once; beyond it expired ones, then the oldest, are forgotten so guessing cannot fill memory.</summary>
    private const int MaxTracked = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset Since)> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _trusted = new(StringComparer.Ordinal);
    private (int Failures, DateTimeOffset Since) _overall;

    /// <summary>Whether an attempt for <paramref name="accountId"/> (null: not a known account) from <paramref name="address"/> may be checked.</summary>
    public ThrottleVerdict Check(string? accountId, string address)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (accountId is not null && Count(PairKey(accountId, address), now) >= MaxPerAccountAndAddress)
            {
                return ThrottleVerdict.AccountFromAddress;
            }

            if (Count(AddressKey(address), now) >= MaxPerAddress)
            {
                return ThrottleVerdict.Address;
            }

            var overall = now - _overall.Since < Window ? _overall.Failures : 0;
            var trusted = _trusted.TryGetValue(address, out var until) && now < until;
            return overall >= MaxOverall && !trusted ? ThrottleVerdict.Overall : ThrottleVerdict.Allowed;
        }
    }

    /// <summary>A wrong password (or unknown id) from <paramref name="address"/>; <paramref name="accountId"/> only when it names a real account.</summary>
    public void Failed(string? accountId, string address)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (accountId is not null)
            {
                Increment(PairKey(accountId, address), now);
            }

            Increment(AddressKey(address), now);
            _overall = now - _overall.Since < Window ? (_overall.Failures + 1, _overall.Since) : (1, now);
            Trim(now);
        }
    }

    /// <summary>A right password: this account's count from this address starts again, and the address is trusted for a while.</summary>
    public void Succeeded(string accountId, string address)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _failures.Remove(PairKey(accountId, address));
            _trusted[address] = now + TrustedFor;
            if (_trusted.Count > MaxTracked)
            {
                _trusted.Remove(_trusted.MinBy(e => e.Value).Key);
            }
        }
    }

    private static string PairKey(string accountId, string address) => $"{accountId}\n{address}";

    private static string AddressKey(string address) => $"\n{address}";

    private int Count(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var entry) && now - entry.Since < Window ? entry.Failures : 0;

    private void Increment(string key, DateTimeOffset now)
    {
        var entry = _failures.TryGetValue(key, out var known) && now - known.Since < Window ? known : (Failures: 0, Since: now);
        _failures[key] = (entry.Failures + 1, entry.Since);
    }

    private void Trim(DateTimeOffset now)
    {
        if (_failures.Count <= MaxTracked)
        {
            return;
        }

        foreach (var old in _failures.Where(e => now - e.Value.Since >= Window).Select(e => e.Key).ToList())
        {
            _failures.Remove(old);
        }

        while (_failures.Count > MaxTracked)
        {
            _failures.Remove(_failures.MinBy(e => e.Value.Since).Key);
        }
    }
}
