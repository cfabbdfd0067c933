using System.Globalization;

namespace KioskAssist.FleetSimulator;

/// <summary>Waits in seconds: count, mean and nearest-rank percentiles.</summary>
public sealed class WaitSummary
{
    private readonly double[] _sorted;

    public WaitSummary(IEnumerable<double> seconds)
    {
        _sorted = [.. seconds.Order()];
    }

    public int Count => _sorted.Length;

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    /// <summary>The fraction of waits longer than <paramref name="seconds"/>.</summary>
    public double FractionAbove(double seconds) => _sorted.Length == 0 ? double.NaN : _sorted.Count(w => w > seconds) / (double)_sorted.Length;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"n={Count} mean={Mean:F3}s p50={Percentile(0.5):F3}s p99={Percentile(0.99):F3}s");
}
