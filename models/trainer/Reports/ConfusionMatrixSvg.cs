using System.Globalization;
using System.Net;
using System.Text;

namespace KioskAssist.Trainer.Reports;

/// <summary>
/// The confusion matrix as a self-contained SVG: one row per true label, one column per predicted label, each cell
/// shaded by the share of its row (so small intents show as clearly as large ones); hover a cell for its count.
/// </summary>
public static class ConfusionMatrixSvg
{
    public static string Render(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        var labels = truth.Concat(predicted).Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var counts = new int[labels.Length, labels.Length];
        var rowTotals = new int[labels.Length];
        for (var i = 0; i < truth.Count; i++)
        {
            counts[index[truth[i]], index[predicted[i]]]++;
            rowTotals[index[truth[i]]]++;
        }

        var cell = labels.Length > 60 ? 6 : labels.Length > 30 ? 10 : 16;
        var margin = 8 + (7 * labels.Max(l => l.Length));
        var size = margin + (cell * labels.Length) + 10;
        var c = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" font-family=\"sans-serif\" font-size=\"{Math.Min(cell, 11)}\">");
        svg.Append(c, $"<title>Confusion matrix: rows are true labels, columns predicted; shade is the share of the row</title>");
        svg.Append(c, $"<rect width=\"{size}\" height=\"{size}\" fill=\"white\"/>");
        for (var r = 0; r < labels.Length; r++)
        {
            var y = margin + (r * cell);
            var label = WebUtility.HtmlEncode(labels[r]);
            svg.Append(c, $"<text x=\"{margin - 4}\" y=\"{y + cell - 1}\" text-anchor=\"end\">{label}</text>");
            svg.Append(c, $"<text transform=\"translate({y + cell - 1},{margin - 4}) rotate(-90)\">{label}</text>");
            for (var col = 0; col < labels.Length; col++)
            {
                if (counts[r, col] == 0)
                {
                    continue;
                }

                var share = counts[r, col] / (double)rowTotals[r];
                var colour = r == col ? "31,119,180" : "214,39,40"; // right: blue, wrong: red
                svg.Append(c, $"<rect x=\"{margin + (col * cell)}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"rgb({colour})\" fill-opacity=\"{0.15 + (0.85 * share):F3}\">");
                svg.Append(c, $"<title>{label} → {WebUtility.HtmlEncode(labels[col])}: {counts[r, col]} of {rowTotals[r]}</title></rect>");
            }
        }

        var end = margin + (cell * labels.Length);
        svg.Append(c, $"<rect x=\"{margin}\" y=\"{margin}\" width=\"{end - margin}\" height=\"{end - margin}\" fill=\"none\" stroke=\"#999\"/>");
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
