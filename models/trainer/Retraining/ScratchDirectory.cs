using System.Text;
using KioskAssist.Intent;

namespace KioskAssist.Trainer.Retraining;

/// <summary>A temporary folder for a retrain's intermediate files, deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kioskassist-retrain-").FullName;

    /// <summary>Writes rows as CSV (text, intent, lang) and returns the file's path.</summary>
    public string WriteCsv(string name, IEnumerable<LabeledExample> rows)
    {
        var path = System.IO.Path.Combine(Path, name);
        var csv = new StringBuilder("text,intent,lang\n");
        foreach (var row in rows)
        {
            csv.Append('"').Append(row.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                .Append(row.Intent).Append(',').Append(row.Language).Append('\n');
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
