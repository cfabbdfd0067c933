namespace KioskAssist.Tests.Support;

/// <summary>Paths into the repository the tests run from (found by walking up to KioskAssist.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string CheckoutModel => Path.Combine(Root, "models", "checkout", "model");

    public static string CheckoutTrain => Path.Combine(Root, "models", "checkout", "data", "train.csv");

    public static string CheckoutTest => Path.Combine(Root, "models", "checkout", "data", "test.csv");

    public static string CheckoutAnswers => Path.Combine(Root, "models", "checkout", "answers.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KioskAssist.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run inside the KioskAssist repository.");
    }
}
