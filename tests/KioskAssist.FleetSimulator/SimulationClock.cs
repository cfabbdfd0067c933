using System.Diagnostics;

namespace KioskAssist.FleetSimulator;

/// <summary>Seconds since the simulation started, from the monotonic <see cref="Stopwatch"/>. Thread-safe.</summary>
public sealed class SimulationClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Waits until <paramref name="seconds"/> on this clock (returns at once if that is past).</summary>
    public async Task WaitUntilAsync(double seconds, CancellationToken cancellationToken)
    {
        var left = seconds - Now;
        if (left > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(left), cancellationToken);
        }
    }
}
