using nietras.SeparatedValues;

namespace KioskAssist.Intent;

/// <summary>
/// Reads labelled examples from CSV (RFC 4180 quoting, comma separated). The header must name <c>text</c> and
/// <c>intent</c>; <c>lang</c> is used when present and every other column is ignored.
/// </summary>
public static class LabeledCsv
{
    public static IReadOnlyList<LabeledExample> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        }

        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = false }).FromFile(path);
        foreach (var required in new[] { "text", "intent" })
        {
            if (!reader.Header.ColNames.Contains(required))
            {
                throw new InvalidDataException($"{path}: the header has no '{required}' column (found: {string.Join(", ", reader.Header.ColNames)}).");
            }
        }

        var hasLanguage = reader.Header.ColNames.Contains("lang");
        var examples = new List<LabeledExample>();
        foreach (var row in reader)
        {
            var text = row["text"].ToString();
            var intent = row["intent"].ToString().Trim();
            if (intent.Length == 0)
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}: empty intent.");
            }

            var language = hasLanguage ? row["lang"].ToString().Trim() : null;
            examples.Add(new LabeledExample(text, intent, string.IsNullOrEmpty(language) ? null : language));
        }

        return examples;
    }
}
