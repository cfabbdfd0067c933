using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>
/// The answer catalog with this store's facts filled in, for every language the screen offers.
/// Built once at start (after <see cref="StoreOptionsValidator"/> has passed); immutable and thread-safe.
/// </summary>
public sealed class StoreAnswers
{
    private readonly Dictionary<(string Intent, string Language), string> _texts = [];

    public StoreAnswers(IOptions<AnswersOptions> answers, IOptions<StoreOptions> store, IOptions<ScreenOptions> screen)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(screen);
        Catalog = AnswerCatalog.Load(answers.Value.FullPath);
        Languages = screen.Value.Languages;
        foreach (var language in Languages)
        {
            var facts = StoreFacts.For(store.Value, language);
            foreach (var (intent, answer) in Catalog.Intents)
            {
                _texts[(intent, language)] = AnswerCatalog.Fill(answer.Text[language], facts);
            }
        }
    }

    public AnswerCatalog Catalog { get; }

    public IReadOnlyList<string> Languages { get; }

    public string Version => Catalog.Version;

    public bool Knows(string intent) => Catalog.Intents.ContainsKey(intent);

    public AnswerAction ActionFor(string intent) => Catalog.Intents[intent].Action;

    public string TextFor(string intent, string language) => _texts[(intent, language)];

    public string LabelFor(string intent, string language) => Catalog.Intents[intent].Label[language];

    /// <summary>The intents shown as common-question buttons, in catalog order.</summary>
    public IEnumerable<string> QuickIntents => Catalog.Intents.Where(pair => pair.Value.Quick).Select(pair => pair.Key);
}
