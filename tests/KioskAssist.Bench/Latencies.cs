using System.Diagnostics;

namespace KioskAssist.Bench;

/// <summary>Samples of one latency in milliseconds, with nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(long fromTimestamp, long toTimestamp) => _milliseconds.Add(Stopwatch.GetElapsedTime(fromTimestamp, toTimestamp).TotalMilliseconds);

    /// <summary>A sample measured elsewhere (e.g. between a browser's clock and this process's wall clock).</summary>
    public void AddMilliseconds(double milliseconds) => _milliseconds.Add(milliseconds);

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public double Max => _milliseconds.Max();

    /// <summary>How many samples exceed <paramref name="milliseconds"/>.</summary>
    public int Over(double milliseconds) => _milliseconds.Count(m => m > milliseconds);
}
