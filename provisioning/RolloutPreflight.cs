using KioskAssist.FirmwareHost.Answers;
using KioskAssist.FirmwareHost.Model;
using KioskAssist.FirmwareHost.Rollouts;
using KioskAssist.Intent;
using KioskAssist.Protocol;
using KioskAssist.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAssist.Provisioning;

/// <summary>
/// Checks a rollout package on the operator's machine before anything is signed or sent, with the kiosk's own code:
/// the package is unpacked by the kiosk's <see cref="PackageUnpacker"/>, a model is loaded and proved against its golden
/// examples by <see cref="ModelLoader"/>, answers are read by <see cref="AnswerCatalog"/>, and the answers must cover
/// every intent the model predicts (the check <see cref="RolloutApplier"/> makes). A package a kiosk would refuse or
/// roll back never leaves the operator's machine.
/// </summary>
public static class RolloutPreflight
{
    /// <param name="counterpart">The answers.json a model must be covered by, or the model directory answers must cover;
    /// null: the shipped one beside kafleet (the firmware's own model and answers), when present.</param>
    /// <returns>One line per check that passed, for the operator to read.</returns>
    /// <exception cref="FleetException">A check failed; the message says which and why.</exception>
    public static IReadOnlyList<string> Check(RolloutPackage package, string? counterpart)
    {
        ArgumentNullException.ThrowIfNull(package);
        var staging = Directory.CreateTempSubdirectory("kafleet-preflight-").FullName;
        try
        {
            PackageUnpacker.Unpack(package.Bytes, package.Kind, staging);
            return package.Kind == RolloutKind.Model ? CheckModel(staging, counterpart ?? Shipped("answers/answers.json")) : CheckAnswers(staging, counterpart ?? Shipped("model"));
        }
        catch (InvalidDataException e)
        {
            throw new FleetException($"pre-flight: the package is not a usable {RolloutSignature.Name(package.Kind)} package: {e.Message}");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static IReadOnlyList<string> CheckModel(string staging, string? answersFile)
    {
        using var model = LoadModel(staging, "the model");
        var lines = new List<string> { $"model {model.Version}: loads, {model.Labels.Count} labels, golden examples match" };
        if (answersFile is null)
        {
            lines.Add("answers cover the model: not checked (no answers given with --check-with and none shipped beside kafleet)");
            return lines;
        }

        var answers = LoadAnswers(answersFile);
        Cover(model, answers);
        lines.Add($"answers {answers.Version} ({answersFile}) answer every intent the model predicts");
        return lines;
    }

    private static IReadOnlyList<string> CheckAnswers(string staging, string? modelDirectory)
    {
        var answers = LoadAnswers(Path.Combine(staging, "answers.json"));
        var lines = new List<string> { $"answers {answers.Version}: {answers.Intents.Count} intents, a valid catalog" };
        if (modelDirectory is null)
        {
            lines.Add("answers cover the model: not checked (no model given with --check-with and none shipped beside kafleet)");
            return lines;
        }

        using var model = LoadModel(modelDirectory, $"--check-with {modelDirectory}");
        Cover(model, answers);
        lines.Add($"they answer every intent model {model.Version} ({modelDirectory}) predicts");
        return lines;
    }

    private static IntentModel LoadModel(string directory, string what)
    {
        try
        {
            return ModelLoader.Load(directory, what, NullLogger.Instance);
        }
        catch (OptionsValidationException e)
        {
            throw new FleetException($"pre-flight: {string.Join(" ", e.Failures)}");
        }
    }

    private static AnswerCatalog LoadAnswers(string file)
    {
        try
        {
            return AnswerCatalog.Load(file);
        }
        catch (InvalidDataException e)
        {
            throw new FleetException($"pre-flight: not an answers catalog: {e.Message}");
        }
    }

    private static void Cover(IntentModel model, AnswerCatalog answers)
    {
        var unanswered = model.Labels.Where(label => label != IntentModel.OutOfScope && !answers.Intents.ContainsKey(label)).ToArray();
        if (unanswered.Length > 0)
        {
            throw new FleetException($"pre-flight: answers {answers.Version} have no answer for intents model {model.Version} predicts: {string.Join(", ", unanswered)}");
        }
    }

    /// <summary>The firmware's model or answers, copied beside kafleet by its reference to the kiosk's project.</summary>
    private static string? Shipped(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }
}
