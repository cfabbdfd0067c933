using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Answers;

/// <summary>Where the answer catalog is; relative paths are from the application folder.</summary>
public sealed class AnswersOptions
{
    public const string Section = "Answers";

    [Required]
    public string File { get; set; } = "answers/answers.json";

    public string FullPath => Path.GetFullPath(File, AppContext.BaseDirectory);
}
