namespace KioskAssist.Bench;

/// <summary>What <see cref="ScreenBenchmark"/> measured: latencies, and taps whose screen fell back from "sent" or never said it.</summary>
public sealed record ScreenResult(Latencies TapToSent, Latencies AgentLineToScreen, int FellBack, int NeverSent);
