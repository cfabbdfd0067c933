using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>
/// The answer catalog with this store's facts filled in, for every language the screen offers.
/// Built at start (after <see cref="StoreOptionsValidator"/> has passed); an answers rollout replaces the whole
/// catalog at once with <see cref="Replace"/>. Thread-safe: each call reads one catalog, old or new.
/// </summary>
public sealed class StoreAnswers
{
    private readonly StoreOptions _store;
    private Filled _filled;

    public StoreAnswers(IOptions<AnswersOptions> answers, IOptions<StoreOptions> store, IOptions<ScreenOptions> screen)
        : this(answers?.Value.FullPath ?? throw new ArgumentNullException(nameof(answers)), store, screen)
    {
    }

    /// <param name="path">The answers.json to start with: the configured one, or a rolled-out one.</param>
    /// <exception cref="InvalidDataException">The file is missing or not a catalog.</exception>
    public StoreAnswers(string path, IOptions<StoreOptions> store, IOptions<ScreenOptions> screen)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(screen);
        _store = store.Value;
        Languages = screen.Value.Languages;
        _filled = Fill(AnswerCatalog.Load(path));
    }

    public AnswerCatalog Catalog => Volatile.Read(ref _filled).Catalog;

    public IReadOnlyList<string> Languages { get; }

    public string Version => Catalog.Version;

    public bool Knows(string intent) => Catalog.Intents.ContainsKey(intent);

    public AnswerAction ActionFor(string intent) => Catalog.Intents[intent].Action;

    public string TextFor(string intent, string language) => Volatile.Read(ref _filled).Texts[(intent, language)];

    public string LabelFor(string intent, string language) => Catalog.Intents[intent].Label[language];

    /// <summary>The intents shown as common-question buttons, in catalog order.</summary>
    public IEnumerable<string> QuickIntents => Catalog.Intents.Where(pair => pair.Value.Quick).Select(pair => pair.Key);

    /// <summary>
    /// Checks that <paramref name="catalog"/> can be filled for this store in every screen language: each intent has a
    /// text and a label in each, and each fact it uses is set. Null when it can, else the first problem.
    /// </summary>
    public string? ProblemWith(AnswerCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var language in Languages)
        {
            var facts = StoreFacts.For(_store, language);
            foreach (var (intent, answer) in catalog.Intents)
            {
                if (!answer.Text.TryGetValue(language, out var text) || !answer.Label.TryGetValue(language, out _))
                {
                    return $"intent {intent} has no text or label in '{language}'";
                }

                if (AnswerCatalog.PlaceholdersIn(text).FirstOrDefault(fact => !facts.ContainsKey(fact)) is { } missing)
                {
                    return $"intent {intent} uses {{{missing}}}, which this store does not set in '{language}'";
                }
            }
        }

        return null;
    }

    /// <summary>Makes <paramref name="catalog"/> the one answers come from; check it with <see cref="ProblemWith"/> first.</summary>
    public void Replace(AnswerCatalog catalog) => Volatile.Write(ref _filled, Fill(catalog));

    private Filled Fill(AnswerCatalog catalog)
    {
        var texts = new Dictionary<(string Intent, string Language), string>();
        foreach (var language in Languages)
        {
            var facts = StoreFacts.For(_store, language);
            foreach (var (intent, answer) in catalog.Intents)
            {
                texts[(intent, language)] = AnswerCatalog.Fill(answer.Text[language], facts);
            }
        }

        return new Filled(catalog, texts);
    }

    private sealed record Filled(AnswerCatalog Catalog, Dictionary<(string Intent, string Language), string> Texts);
}
