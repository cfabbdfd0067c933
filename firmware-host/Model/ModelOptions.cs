using System.ComponentModel.DataAnnotations;

namespace KioskAssist.FirmwareHost.Model;

/// <summary>Where the intent model directory is; relative paths are from the application folder.</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    [Required]
    public string Directory { get; set; } = "model";

    public string FullPath => Path.GetFullPath(Directory, AppContext.BaseDirectory);
}
