namespace KioskAssist.FleetSimulator;

/// <summary>One help request of the workload: when it arrives (seconds after the load starts) and how long its agent will need.</summary>
public sealed record PlannedRequest(int Index, double At, double HandlingSeconds);
