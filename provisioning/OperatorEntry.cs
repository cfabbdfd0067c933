namespace KioskAssist.Provisioning;

/// <summary>A named operator in the registry.</summary>
public sealed record OperatorEntry(string Name, OperatorRole Role, string Serial, DateTimeOffset AddedAt, bool Removed);
