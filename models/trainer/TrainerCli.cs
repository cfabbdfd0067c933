using System.CommandLine;

namespace KioskAssist.Trainer;

/// <summary>The trainer's command line: <c>train</c>, <c>predict</c>, <c>eval</c>, <c>bench</c> and <c>retrain</c>. Output goes to the given writers so tests read what a user sees.</summary>
public static class TrainerCli
{
    public static RootCommand Create(TextWriter output, TextWriter error) =>
        new("KioskAssist intent model trainer: train a model, predict with it, evaluate it, measure its speed.")
        {
            TrainCommand.Create(output, error),
            PredictCommand.Create(output, error),
            EvalCommand.Create(output, error),
            BenchCommand.Create(output, error),
            RetrainCommand.Create(output, error),
        };

    /// <summary>Runs a command body, turning the errors a user can fix into one clear line and exit code 2.</summary>
    internal static int Run(TextWriter error, Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
