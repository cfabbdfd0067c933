namespace KioskAssist.FirmwareHost.Screen;

/// <summary>A common-question button with its label in each language.</summary>
public sealed record QuickQuestion(string Intent, IReadOnlyDictionary<string, string> Label);
