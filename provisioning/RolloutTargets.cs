using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KioskAssist.Provisioning;

/// <summary>Which kiosks a rollout goes to: <c>--to all|SITE|SITE/KIOSK</c> among the registry's active kiosks, then <c>--canary N%</c>.</summary>
public static class RolloutTargets
{
    public static IReadOnlyList<(string Site, string Kiosk)> Resolve(IReadOnlyList<RegistryEntry> active, string to, string? canary)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(to);
        var kiosks = active.Select(k => (k.Site, k.Kiosk)).Distinct().ToList();
        var parts = to.Split('/');
        var chosen = to == "all" ? kiosks
            : parts.Length == 1 ? kiosks.Where(k => k.Site == parts[0]).ToList()
            : parts.Length == 2 ? kiosks.Where(k => k.Site == parts[0] && k.Kiosk == parts[1]).ToList()
            : throw new FleetException($"--to '{to}' must be all, SITE or SITE/KIOSK.");
        if (chosen.Count == 0)
        {
            throw new FleetException($"--to '{to}' names no active kiosk in the registry.");
        }

        return canary is null ? [.. chosen.OrderBy(k => k.Site, StringComparer.Ordinal).ThenBy(k => k.Kiosk, StringComparer.Ordinal)] : Canary(chosen, ParsePercent(canary));
    }

    /// <summary>
    /// ceil(N% of the targets), at least one: the kiosks whose SHA-256 of "site/kiosk" sorts first. The same fleet gives
    /// the same canaries every time, and a larger N keeps the smaller N's kiosks, so a rollout widens rather than jumps.
    /// </summary>
    public static IReadOnlyList<(string Site, string Kiosk)> Canary(IReadOnlyList<(string Site, string Kiosk)> targets, int percent)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var count = Math.Max(1, (int)Math.Ceiling(targets.Count * percent / 100.0));
        return [.. targets
            .OrderBy(k => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{k.Site}/{k.Kiosk}"))), StringComparer.Ordinal)
            .Take(count)
            .OrderBy(k => k.Site, StringComparer.Ordinal).ThenBy(k => k.Kiosk, StringComparer.Ordinal)];
    }

    private static int ParsePercent(string canary)
    {
        var text = canary.TrimEnd('%');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100
            ? percent
            : throw new FleetException($"--canary '{canary}' must be a percentage from 1% to 100%.");
    }
}
