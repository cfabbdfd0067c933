using KioskAssist.FirmwareHost.Screen;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>
/// Every placeholder an answer uses must be a configured fact in every language the screen offers,
/// so a shopper never sees "{ReturnWindowDays}". Failures name the missing key.
/// </summary>
public sealed class StoreOptionsValidator(IOptions<AnswersOptions> answers, IOptions<ScreenOptions> screen) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnswerCatalog catalog;
        try
        {
            catalog = AnswerCatalog.Load(answers.Value.FullPath);
        }
        catch (InvalidDataException e)
        {
            return ValidateOptionsResult.Fail($"Answers:File: {e.Message}");
        }

        var failures = new List<string>();
        foreach (var language in screen.Value.Languages)
        {
            var facts = StoreFacts.For(options, language);
            foreach (var (intent, answer) in catalog.Intents)
            {
                if (!answer.Text.TryGetValue(language, out var text) || !answer.Label.ContainsKey(language))
                {
                    failures.Add($"Answers:File has no '{language}' text or label for intent '{intent}' (Screen:Languages offers '{language}').");
                    continue;
                }

                failures.AddRange(AnswerCatalog.PlaceholdersIn(text)
                    .Where(fact => !facts.TryGetValue(fact, out var value) || string.IsNullOrWhiteSpace(value))
                    .Select(fact => $"Store:Facts:{language}:{fact} is not set (the '{intent}' answer uses it)."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Distinct());
    }
}
