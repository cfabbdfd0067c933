using System.Globalization;
using System.Net;
using System.Text;
using KioskAssist.Intent;

namespace KioskAssist.Trainer.Reports;

/// <summary>
/// Writes an evaluation a fleet operator can open in any browser, without network or scripts: <c>report.html</c>
/// (metrics, per-intent precision and recall, most confused pairs) beside <c>confusion.svg</c> and <c>rejection.svg</c>.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";
    public const string ConfusionFile = "confusion.svg";
    public const string RejectionFile = "rejection.svg";

    public static string Write(
        string directory, string dataName, ModelManifest manifest, IReadOnlyList<string> truth, IReadOnlyList<IntentPrediction> predictions, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(evaluation);
        Directory.CreateDirectory(directory);
        var predicted = predictions.Select(p => p.Intent).ToArray();
        File.WriteAllText(Path.Combine(directory, ConfusionFile), ConfusionMatrixSvg.Render(truth, predicted));
        // Where the kiosk stands: the stricter of the threshold and the minimum confidence.
        var current = RejectionCurve.At(truth, predictions, Math.Max(manifest.Threshold, manifest.MinConfidence));
        File.WriteAllText(Path.Combine(directory, RejectionFile), RejectionCurveSvg.Render(RejectionCurve.Compute(truth, predictions), current));

        var c = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Intent model report</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".low{background:#fde0dd}</style></head><body>\n");
        html.Append(c, $"<h1>Intent model {E(manifest.Name)} {E(manifest.Version)} on {E(dataName)}</h1>\n");
        html.Append("<h2>Metrics</h2><table>\n");
        Row(html, "questions", $"{truth.Count} ({evaluation.InScopeCount} in scope, {evaluation.OutOfScopeCount} out of scope)");
        Row(html, "in-scope accuracy (rejected counts as wrong)", Percent(evaluation.InScopeAccuracy));
        Row(html, "out-of-scope recall (rejected)", Percent(evaluation.OutOfScopeRecall));
        Row(html, "out-of-scope precision", Percent(evaluation.OutOfScopePrecision));
        Row(html, "share of questions handed to a person", Percent(current.RejectionRate));
        Row(html, "accuracy of the answers given", Percent(current.AnsweredAccuracy));
        Row(html, "rejection threshold", manifest.Threshold.ToString("F4", c));
        Row(html, "minimum confidence", manifest.MinConfidence.ToString("F4", c));
        Row(html, "encoders", manifest.Encoders.Count == 0 ? "none (n-grams only)" : string.Join(", ", manifest.Encoders.Select(e => e.Name)));
        html.Append("</table>\n");

        html.Append("<h2>Accuracy against rejection rate</h2>\n<p>Raising the threshold hands more questions to a person: the answers given get more accurate, ")
            .Append("out-of-scope questions are caught more often, and fewer in-scope questions are answered.</p>\n")
            .Append(c, $"<img src=\"{RejectionFile}\" alt=\"accuracy against rejection rate\">\n");

        html.Append("<h2>Most confused pairs</h2><table><tr><th>true intent</th><th>predicted</th><th>count</th></tr>\n");
        foreach (var pair in evaluation.MostConfused)
        {
            html.Append(c, $"<tr><td>{E(pair.Truth)}</td><td>{E(pair.Predicted)}</td><td>{pair.Count}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Per intent</h2><p>Rows shaded where precision or recall is below 80%.</p>")
            .Append("<table><tr><th>intent</th><th>support</th><th>precision</th><th>recall</th></tr>\n");
        foreach (var m in evaluation.PerIntent)
        {
            var low = m.Precision < 0.8 || m.Recall < 0.8 ? " class=\"low\"" : "";
            html.Append(c, $"<tr{low}><td>{E(m.Intent)}</td><td>{m.Support}</td><td>{Percent(m.Precision)}</td><td>{Percent(m.Recall)}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Confusion matrix</h2><p>Rows: true intent; columns: predicted. Blue: right; red: wrong; darker: larger share of the row. ")
            .Append("Hover a cell for its count.</p>\n")
            .Append(c, $"<object data=\"{ConfusionFile}\" type=\"image/svg+xml\">confusion matrix</object>\n</body></html>\n");
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, html.ToString());
        return path;
    }

    private static void Row(StringBuilder html, string name, string value) => html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{E(value)}</td></tr>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Percent(double ratio) => double.IsNaN(ratio) ? "-" : (ratio * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
