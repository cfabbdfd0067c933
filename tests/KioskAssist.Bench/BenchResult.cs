namespace KioskAssist.Bench;

/// <summary>What one kiosk run measured, for one debounce setting.</summary>
/// <param name="EdgeToDesk">Falling edge on the button pin to the request arriving at the desk peer.</param>
/// <param name="EdgeToSaved">Falling edge to the kiosk having saved the request (the edge callback returned).</param>
/// <param name="ClaimToScreen">The desk's claim publish to the page's state event naming the agent.</param>
public sealed record BenchResult(int DebounceMilliseconds, Latencies EdgeToDesk, Latencies EdgeToSaved, Latencies ClaimToScreen);
