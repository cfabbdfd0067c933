namespace KioskAssist.FirmwareHost.Screen;

/// <summary>What the page needs to draw itself: languages, idle timeout, store name, common-question buttons.</summary>
public sealed record ScreenSetup(
    IReadOnlyList<string> Languages,
    string DefaultLanguage,
    int IdleTimeoutSeconds,
    string StoreName,
    IReadOnlyList<QuickQuestion> QuickQuestions);
