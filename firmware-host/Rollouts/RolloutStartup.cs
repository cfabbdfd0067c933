using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Screen;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Rollouts;

/// <summary>
/// Chooses what the kiosk starts with: the rolled-out model and answers when there are any, else the shipped ones. A
/// rolled-out version that no longer loads is rolled back to the one before it (down to the shipped one), and the
/// rollback is kept in <see cref="Rollbacks"/> for the agent to report once connected.
/// </summary>
public sealed class RolloutStartup(
    IOptions<RolloutOptions> rollout, IOptions<ModelOptions> model, IOptions<AnswersOptions> answers, ILogger<RolloutStartup> logger)
{
    private readonly RolloutStore _store = new(rollout.Value.FullPath);

    /// <summary>Rollbacks made at start, not yet reported. Read by the agent's loop only, after start.</summary>
    public List<PendingReport> Rollbacks { get; } = [];

    public ActiveModel LoadModel()
    {
        while (_store.Slots(RolloutKind.Model).Current is { } id)
        {
            var directory = _store.VersionDirectory(RolloutKind.Model, id);
            try
            {
                return new ActiveModel(ModelLoader.Load(directory, "rolled-out model", logger), id);
            }
            catch (OptionsValidationException e)
            {
                RollBack(RolloutKind.Model, id, string.Join(" ", e.Failures));
            }
        }

        return new ActiveModel(ModelLoader.Load(model.Value.FullPath, "Model:Directory", logger), "shipped");
    }

    public StoreAnswers LoadAnswers(IOptions<StoreOptions> store, IOptions<ScreenOptions> screen)
    {
        while (_store.Slots(RolloutKind.Answers).Current is { } id)
        {
            var file = Path.Combine(_store.VersionDirectory(RolloutKind.Answers, id), RolloutFiles.Answers);
            try
            {
                return new StoreAnswers(file, store, screen);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or KeyNotFoundException)
            {
                RollBack(RolloutKind.Answers, id, e.Message);
            }
        }

        return new StoreAnswers(answers.Value.FullPath, store, screen);
    }

    private void RollBack(RolloutKind kind, string id, string problem)
    {
        var slots = _store.RollBack(kind);
        Log.RolloutRolledBackAtStart(logger, kind.ToString(), id, slots.Current ?? "shipped", problem);
        Rollbacks.Add(new PendingReport(id, kind, RolloutOutcome.RolledBack, string.Empty, $"the rolled-out {kind.ToString().ToLowerInvariant()} failed to load at start: {problem}"));
    }
}
