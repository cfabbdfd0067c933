using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Hardware;
using KioskAssist.Intent;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Model;

/// <summary>
/// Runs before the screen is served (hosted services start before the web server): loads the model and the answers,
/// and refuses to start when the model knows an intent the answers cannot answer.
/// </summary>
public sealed class KioskStartupCheck(
    ActiveModel active, StoreAnswers answers, IOptions<HardwareOptions> hardware, IHostEnvironment environment, ILogger<KioskStartupCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var lease = active.Acquire();
        var model = lease.Model;
        var unanswered = model.Labels.Where(label => label != IntentModel.OutOfScope && !answers.Knows(label)).ToArray();
        if (unanswered.Length > 0)
        {
            throw new OptionsValidationException(AnswersOptions.Section, typeof(AnswersOptions),
                [$"Answers:File has no answer for intent(s) {string.Join(", ", unanswered)} that model {model.Version} predicts."]);
        }

        Log.AnswersLoaded(logger, answers.Version, answers.Catalog.Intents.Count, string.Join(",", answers.Languages));
        if (hardware.Value.EffectiveMode(environment.IsDevelopment()) == HardwareMode.Simulated)
        {
            Log.HardwareSimulated(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
