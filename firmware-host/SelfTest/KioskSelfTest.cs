using System.Diagnostics;
using System.Runtime.InteropServices;
using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Conversation;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.FirmwareHost.Kiosk;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.FirmwareHost.Storage;
using KioskAssist.Intent;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.SelfTest;

/// <summary>
/// The checks of <c>--self-test</c>, run on the kiosk's own service registrations so each goes through the code a
/// normal start uses: the settings' validation, <see cref="ModelLoader"/> with its golden check,
/// <see cref="KioskStartupCheck"/> for the answers, and the <see cref="Assistant"/> the screen's <c>/api/ask</c> calls.
/// A check that throws fails with its message; the next check still runs, so one report says everything.
/// </summary>
public sealed class KioskSelfTest(IServiceProvider services, IHostEnvironment environment, IGpioSystem gpio)
{
    /// <summary>Golden questions with an answer to ask, besides one not-sure and one call for a person.</summary>
    private const int QuestionsAnswered = 3;

    public SelfTestReport Run()
    {
        var heading = $"KioskAssist self-test: firmware {KioskOptions.Firmware}, {environment.EnvironmentName}, " +
            $"{RuntimeInformation.RuntimeIdentifier} ({RuntimeInformation.ProcessArchitecture}), {RuntimeInformation.OSDescription}";
        var checks = new List<SelfTestCheck>
        {
            Timed("settings", Settings),
            Timed("model", Model),
        };
        var modelLoaded = checks[^1].Passed;
        checks.Add(modelLoaded ? Timed("answers", Answers) : Skipped("answers"));
        checks.Add(modelLoaded && checks[^1].Passed ? Timed("questions", Questions) : Skipped("questions"));
        checks.Add(Timed("gpio", () =>
        {
            var check = GpioCheck.Run(Options<HardwareOptions>(), Options<HardwareOptions>().EffectiveMode(environment.IsDevelopment()), gpio);
            return check.Passed ? check.Detail : throw new SelfTestFailure(check.Detail);
        }));
        checks.Add(Timed("storage", Storage));
        return new SelfTestReport(heading, checks);
    }

    private string Settings()
    {
        services.GetRequiredService<IStartupValidator>().Validate();
        return "every section valid";
    }

    private string Model()
    {
        // The model the kiosk would answer with: a rolled-out one when a rollout left one, else the shipped one. Loading
        // it (ModelLoader.Load) checks its files, its encoder and every golden output.
        var active = services.GetRequiredService<ActiveModel>();
        using var lease = active.Acquire();
        var model = lease.Model;
        var golden = GoldenExamples.Load(Path.Combine(model.Directory, GoldenExamples.FileName));
        return $"{model.Manifest.Name} {model.Version} ({active.Source}) from {model.Directory}: {model.Labels.Count} labels, all {golden.Examples.Count} golden outputs match";
    }

    private string Answers()
    {
        ActivatorUtilities.CreateInstance<KioskStartupCheck>(services).StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var answers = services.GetRequiredService<StoreAnswers>();
        return $"{answers.Version}: {answers.Catalog.Intents.Count} intents in {string.Join(",", answers.Languages)}; every intent the model predicts has an answer";
    }

    /// <summary>
    /// A few golden questions asked as a shopper types them, through the same assistant the screen's <c>/api/ask</c> uses:
    /// one the model must not guess, one that calls a person, and answered ones. A few, not all: the model's load already
    /// checked every golden output, and each question costs seconds under emulation in CI.
    /// </summary>
    private string Questions()
    {
        using var lease = services.GetRequiredService<ActiveModel>().Acquire();
        var model = lease.Model;
        var answers = services.GetRequiredService<StoreAnswers>();
        var assistant = services.GetRequiredService<Assistant>();
        var language = Options<ScreenOptions>().DefaultLanguage;
        var golden = GoldenExamples.Load(Path.Combine(model.Directory, GoldenExamples.FileName)).Examples;
        var questions = golden.Where(g => ExpectedKind(g.Intent, answers) == ReplyKind.NotSure).Take(1)
            .Concat(golden.Where(g => ExpectedKind(g.Intent, answers) == ReplyKind.Person).Take(1))
            .Concat(golden.Where(g => ExpectedKind(g.Intent, answers) == ReplyKind.Answer).Take(QuestionsAnswered))
            .ToList();
        var wrong = new List<string>();
        foreach (var example in questions)
        {
            var reply = assistant.Ask(example.Text, language);
            var expected = ExpectedKind(example.Intent, answers);
            if (reply.Intent != example.Intent || reply.Kind != expected || (expected == ReplyKind.Answer && string.IsNullOrWhiteSpace(reply.Text)))
            {
                wrong.Add($"'{example.Text}': expected {example.Intent} ({expected}), got {reply.Intent} ({reply.Kind})");
            }
        }

        return wrong.Count == 0
            ? $"{questions.Count} golden questions through the screen's assistant gave their intents ({string.Join(", ", questions.Select(q => q.Intent))})"
            : throw new SelfTestFailure($"{wrong.Count} of {questions.Count} golden questions went wrong: {string.Join("; ", wrong.Take(3))}");
    }

    private static ReplyKind ExpectedKind(string intent, StoreAnswers answers) =>
        intent == IntentModel.OutOfScope || !answers.Knows(intent) ? ReplyKind.NotSure
        : answers.ActionFor(intent) == AnswerAction.Person ? ReplyKind.Person
        : ReplyKind.Answer;

    /// <summary>The folder the kiosk keeps its outbox in must be writable by whoever runs the check (run it as the service user).</summary>
    private string Storage()
    {
        var database = Options<StorageOptions>().FullPath;
        var folder = Path.GetDirectoryName(database)!;
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? throw new SelfTestFailure($"no part of {folder} exists");
        }

        var probe = Path.Combine(existing, $".self-test-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new SelfTestFailure($"Storage:Database {database}: {existing} is not writable as user {Environment.UserName} ({e.Message})");
        }

        return existing == folder
            ? $"Storage:Database {database}: folder writable as user {Environment.UserName}"
            : $"Storage:Database {database}: {folder} will be created in {existing} (writable as user {Environment.UserName})";
    }

    private T Options<T>()
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static SelfTestCheck Skipped(string name) => new(name, false, "not run: the model or the answers did not load");

    private static SelfTestCheck Timed(string name, Func<string> check)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var detail = check();
            return new SelfTestCheck(name, true, detail, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // Every failure is the check's verdict: the report must name it, and the next check must still run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new SelfTestCheck(name, false, Reason(e), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        AggregateException many => string.Join(" ", many.InnerExceptions.Select(Reason)),
        _ when e.InnerException is OptionsValidationException inner => Reason(inner),
        SelfTestFailure => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
