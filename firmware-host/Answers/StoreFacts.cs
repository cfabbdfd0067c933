namespace KioskAssist.FirmwareHost.Answers;

/// <summary>The facts that fill answer placeholders for one language: the configured ones plus <c>{StoreName}</c>.</summary>
public static class StoreFacts
{
    public static IReadOnlyDictionary<string, string> For(StoreOptions store, string language)
    {
        ArgumentNullException.ThrowIfNull(store);
        var facts = store.Facts.TryGetValue(language, out var configured)
            ? new Dictionary<string, string>(configured, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        facts["StoreName"] = store.Name;
        return facts;
    }
}
