namespace KioskAssist.Provisioning;

/// <summary>A retained message <c>status</c> could not use, and why; reported, never fatal.</summary>
public sealed record MalformedMessage(string Topic, string Problem);
