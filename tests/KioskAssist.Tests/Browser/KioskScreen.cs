namespace KioskAssist.Tests.Browser;

/// <summary>A touchscreen kiosks really have, and the language its page is shown in.</summary>
public sealed record KioskScreen(int Width, int Height, string Language)
{
    /// <summary>The official 7-inch Raspberry Pi touchscreen first, then the other panels kiosks ship with.</summary>
    public static IReadOnlyList<(int Width, int Height)> Sizes { get; } = [(800, 480), (1024, 600), (1280, 720), (720, 1280)];

    public static IReadOnlyList<string> Languages { get; } = ["en", "id"];

    /// <summary>Every size in both languages (the Indonesian words are longer, so both must fit).</summary>
    public static IReadOnlyList<KioskScreen> All { get; } =
        [.. Sizes.SelectMany(size => Languages.Select(language => new KioskScreen(size.Width, size.Height, language)))];

    public string Name => $"{Width}x{Height}-{Language}";
}
