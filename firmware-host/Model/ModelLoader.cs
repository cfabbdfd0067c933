using System.Diagnostics;
using KioskAssist.Intent;
using Microsoft.Extensions.Options;

namespace KioskAssist.FirmwareHost.Model;

/// <summary>Loads the configured model and proves it with its golden examples before a shopper sees it.</summary>
public static class ModelLoader
{
    /// <exception cref="OptionsValidationException">The directory is missing, altered, or fails its golden check; the message names <c>Model:Directory</c>.</exception>
    public static IntentModel Load(ModelOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(options.FullPath, "Model:Directory", logger);
    }

    /// <param name="what">How the message names the directory: the setting, or a rollout candidate.</param>
    /// <exception cref="OptionsValidationException">The directory is missing, altered, or fails its golden check.</exception>
    public static IntentModel Load(string path, string what, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        IntentModel model;
        try
        {
            model = IntentModel.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw Invalid($"{what} '{path}' does not hold a usable model: {e.Message}");
        }

        var problems = GoldenExamples.CheckDirectory(model);
        if (problems.Count > 0)
        {
            model.Dispose();
            throw Invalid($"{what} '{path}' fails its golden check: {string.Join("; ", problems.Take(3))}");
        }

        // Loading copied the encoder (~90 MB) through managed arrays that are now garbage: hand that memory back to
        // the OS once, so the kiosk idles at what it uses rather than what it once touched.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Log.ModelLoaded(logger, model.Manifest.Name, model.Version, model.Labels.Count, model.Manifest.Threshold,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Log.ModelMinConfidence(logger, model.Version, model.Manifest.MinConfidence,
            model.Manifest.Training.MinConfidenceSource ?? "none: the model predates a minimum confidence");
        return model;
    }

    private static OptionsValidationException Invalid(string message) =>
        new(ModelOptions.Section, typeof(ModelOptions), [message]);
}
