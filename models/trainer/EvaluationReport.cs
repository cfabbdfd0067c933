using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAssist.Trainer;

/// <summary>Writes an <see cref="Evaluation"/> as a plain-text table or as JSON for scripts.</summary>
public static class EvaluationReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void WriteJson(Evaluation evaluation, string modelVersion, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(new { model = modelVersion, evaluation }, Json));
    }

    public static void WriteText(Evaluation evaluation, string modelVersion, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"model                  {modelVersion}");
        output.WriteLine(string.Create(c, $"in-scope accuracy      {Percent(evaluation.InScopeAccuracy)}  ({evaluation.InScopeCount} questions)"));
        output.WriteLine(string.Create(c, $"out-of-scope recall    {Percent(evaluation.OutOfScopeRecall)}  ({evaluation.OutOfScopeCount} questions)"));
        output.WriteLine(string.Create(c, $"out-of-scope precision {Percent(evaluation.OutOfScopePrecision)}"));
        output.WriteLine();
        output.WriteLine($"{"intent",-24} {"support",7} {"precision",9} {"recall",7}");
        foreach (var m in evaluation.PerIntent)
        {
            output.WriteLine(string.Create(c, $"{m.Intent,-24} {m.Support,7} {Percent(m.Precision),9} {Percent(m.Recall),7}"));
        }

        output.WriteLine();
        output.WriteLine("most confused (truth -> predicted: count)");
        foreach (var pair in evaluation.MostConfused)
        {
            output.WriteLine(string.Create(c, $"  {pair.Truth} -> {pair.Predicted}: {pair.Count}"));
        }
    }

    private static string Percent(double ratio) =>
        double.IsNaN(ratio) ? "-" : (ratio * 100).ToString("F1", CultureInfo.InvariantCulture);
}
