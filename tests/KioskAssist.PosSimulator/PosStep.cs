namespace KioskAssist.PosSimulator;

/// <summary>One event of a script: its type and data (anonymous object or null).</summary>
public sealed record PosStep(string Type, object? Data);
